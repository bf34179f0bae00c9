"""The README's Python example ("From Python") is readme_example.py, and it synthesizes the template of the
README's first TypeScript example (test/java/synth-readme-example.js; run.sh passes its path in
README_EXAMPLE_TS_TEMPLATE)."""
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
README = HERE.parents[1] / "README.md"


def test_the_readme_shows_this_program():
    program = (HERE / "readme_example.py").read_text()

    assert f"```python\n{program}```\n" in README.read_text(), \
        "README.md has no ```python block that is test/python/readme_example.py"


def test_it_synthesizes_the_template_of_the_typescript_example(tmp_path):
    expected_path = os.environ.get("README_EXAMPLE_TS_TEMPLATE")
    assert expected_path, "README_EXAMPLE_TS_TEMPLATE is not set: run this suite with `npm run test:python`"

    # WHEN the program runs as `cdk synth` runs an app: CDK_OUTDIR tells `cdk.App` where to write
    subprocess.run([sys.executable, str(HERE / "readme_example.py")], check=True, env={**os.environ, "CDK_OUTDIR": str(tmp_path)})

    # THEN its template is the TypeScript example's
    actual = json.loads((tmp_path / "AppRunnerService.template.json").read_text())
    expected = json.loads(Path(expected_path).read_text())
    assert actual == expected
