"""The `thidua` command: `thidua validate [DATA_DIR]`, `thidua links [SITE_DIR]`, `thidua schema`,
`thidua cms`, `thidua import plan|recipients` and `thidua new KIND`."""
from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from pathlib import Path

from . import cms
from .schema import json_schema
from .validate import report_of, validate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="thidua", description="Validate and describe thidua data.")
    sub = parser.add_subparsers(dest="command", required=True)

    p_val = sub.add_parser("validate", help="check every data file and report every problem")
    p_val.add_argument("data_dir", nargs="?", default="data")
    p_val.add_argument("--format", choices=["text", "github", "json"], default="text")
    p_val.add_argument("--strict", action="store_true", help="warnings fail too")
    p_val.add_argument("--no-cache", action="store_true",
                       help="parse every file (by default parses are kept in .cache/thidua/ beside the data folder)")

    p_links = sub.add_parser("links", help="check every internal link and anchor of a built site")
    p_links.add_argument("site_dir", nargs="?", default="site", help="the built site (default: site)")

    p_schema = sub.add_parser("schema", help="write the JSON Schema of the data files")
    p_schema.add_argument("--output", "-o", help="file to write (default: standard output)")

    p_cms = sub.add_parser("cms", help="write the web-form (CMS) configuration content/admin/config.yml from the model")
    cms.add_arguments(p_cms)

    _add_import_commands(sub)
    args = parser.parse_args(argv)
    if args.command in ("import", "new"):
        return _run_import(args)
    if args.command == "cms":
        return cms.run(args)
    if args.command == "validate":
        data_dir = Path(args.data_dir)
        if not data_dir.is_dir():
            print(f"thidua: {data_dir} is not a folder", file=sys.stderr)
            return 2
        # files keyed by the resolved path, as the build keys them (digests.py): each run finds the
        # other's, a data folder reached through a symbolic link included
        data_dir = data_dir.resolve()
        cache = None if args.no_cache else data_dir.parent / ".cache" / "thidua"
        # The process is this command's when argv is None (a script, not a caller's function call):
        # it then leaves without freeing the records one by one (about 3 s at national scale; 0.5 s
        # of it was report_of's, which hands them to `held`), and spares the collector a last pass
        # over what came after validation froze what it made (collector.py).
        own = argv is None
        held: list | None = [] if own else None
        report = report_of(data_dir, display_root=Path.cwd() if _inside(data_dir, Path.cwd()) else data_dir.parent,
                           cache=cache, keep=held)
        if own:
            gc.freeze()
        output = report.render(args.format)
        if output:
            print(output)
        code = 1 if report.failed(args.strict) else 0
        if own:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        return code
    if args.command == "links":
        return _check_links(Path(args.site_dir))
    if args.command == "schema":
        text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
        if args.output:
            Path(args.output).parent.mkdir(parents=True, exist_ok=True)
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0
    return 2


def _check_links(site_dir: Path) -> int:
    """Each broken link on a line of its own, then the count: exit 1 if any (`links.check`)."""
    from . import links  # lxml: loaded only by this command

    if not (site_dir / "index.html").is_file():
        print(f"thidua: {site_dir} is not a built site (no index.html): build it first (make site)", file=sys.stderr)
        return 2
    checked, broken = links.check(site_dir)
    for line in broken:
        print(line)
    print(f"{checked} link(s) checked, {len(broken)} broken")
    return 1 if broken else 0


def _add_import_commands(sub) -> None:
    p_imp = sub.add_parser("import", help="draft records from the files an office holds")
    kinds = p_imp.add_subparsers(dest="what", required=True)
    p_plan = kinds.add_parser("plan", help="a plan as .txt or .docx -> draft YAML in data/")
    p_plan.add_argument("file", type=Path)
    p_plan.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    p_plan.add_argument("--id", help="the plan's id (default: derived from issuer, campaign and period)")
    p_plan.add_argument("--force", action="store_true", help="replace a plan file that already exists")
    p_rec = kinds.add_parser("recipients", help="an annex (.xlsx, .csv) -> a decision's recipients")
    p_rec.add_argument("file", type=Path)
    p_rec.add_argument("--decision", required=True, help="the decision's id (data/decisions/ID.yml)")
    p_rec.add_argument("--data", type=Path, default=Path("data"))
    p_rec.add_argument("--append", action="store_true", help="add to the existing recipients instead of replacing them")
    for name in ("date", "authority", "form", "occasion", "number", "title", "campaign", "plan"):
        p_rec.add_argument(f"--{name}", help=f"the decision's {name} (needed for a new decision: date, authority, form, occasion)")
    from .importing.skeleton import KINDS
    p_new = sub.add_parser("new", help="write a record skeleton that validates, with a comment on every field")
    p_new.add_argument("kind", choices=list(KINDS))
    p_new.add_argument("--data", type=Path, default=Path("data"))
    p_new.add_argument("--id", help="the record's id")
    for name in ("authority", "form", "title", "name"):
        p_new.add_argument(f"--{name}")


def _run_import(args) -> int:
    from .importing import run

    if not args.data.is_dir():
        print(f"thidua: {args.data} is not a folder", file=sys.stderr)
        return 2
    try:
        if args.command == "new":
            result = run.new_record(args.kind, args.data, args.id, authority=args.authority, form=args.form,
                                    title=args.title, name=args.name)
        elif args.what == "plan":
            result = run.import_plan(args.file, args.data, args.id, args.force)
        else:
            fields = {k: getattr(args, k) for k in run.DECISION_OPTIONS}
            result = run.import_recipients(args.file, args.data, args.decision, args.append, **fields)
    except run.ImportError_ as exc:
        print(f"thidua: {exc}", file=sys.stderr)
        return 2
    for path in result.written:
        print(f"wrote {path}")
    for message in result.messages:
        print(message)
    if len(result.notes):
        print(f"to review ({len(result.notes)}):")
        for note in result.notes:
            print(f"  - {note}")
    _repo, report = validate(args.data)
    mine = {str(p) for p in result.written}
    own = [p for p in report.sorted() if any(str(p.file).endswith(Path(w).relative_to(args.data).as_posix()) for w in mine)]
    if own:
        print("problems in the written files:")
        print("\n".join(p.text() for p in own))
    return 1 if any(p.severity == "error" for p in own) else 0


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


if __name__ == "__main__":
    sys.exit(main())
