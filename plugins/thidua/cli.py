"""The `thidua` command: `thidua validate [DATA_DIR]` and `thidua schema`."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .schema import json_schema
from .validate import validate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="thidua", description="Validate and describe thidua data.")
    sub = parser.add_subparsers(dest="command", required=True)

    p_val = sub.add_parser("validate", help="check every data file and report every problem")
    p_val.add_argument("data_dir", nargs="?", default="data")
    p_val.add_argument("--format", choices=["text", "github", "json"], default="text")
    p_val.add_argument("--strict", action="store_true", help="warnings fail too")

    p_schema = sub.add_parser("schema", help="write the JSON Schema of the data files")
    p_schema.add_argument("--output", "-o", help="file to write (default: standard output)")

    args = parser.parse_args(argv)
    if args.command == "validate":
        data_dir = Path(args.data_dir)
        if not data_dir.is_dir():
            print(f"thidua: {data_dir} is not a folder", file=sys.stderr)
            return 2
        _repo, report = validate(data_dir, display_root=Path.cwd() if _inside(data_dir, Path.cwd()) else data_dir.parent)
        output = report.render(args.format)
        if output:
            print(output)
        return 1 if report.failed(args.strict) else 0
    if args.command == "schema":
        text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
        if args.output:
            Path(args.output).parent.mkdir(parents=True, exist_ok=True)
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0
    return 2


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


if __name__ == "__main__":
    sys.exit(main())
