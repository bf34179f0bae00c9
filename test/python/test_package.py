"""The suite runs against the installed wheel, built from this checkout, not against a source tree."""
import json
import sys
from importlib import metadata
from pathlib import Path

import cdk_apprunner_vpc_connector

REPO = Path(__file__).resolve().parents[2]


def test_the_module_comes_from_the_virtualenv():
    module_dir = Path(cdk_apprunner_vpc_connector.__file__).resolve()
    assert Path(sys.prefix).resolve() in module_dir.parents, f"{module_dir} is not installed in {sys.prefix}"
    assert sys.prefix != sys.base_prefix, "not running in a virtualenv"


def test_the_distribution_has_the_package_json_version_and_requirements():
    package = json.loads((REPO / "package.json").read_text())
    assert metadata.version("cdk-apprunner-vpc-connector") == package["version"]
    requires = metadata.requires("cdk-apprunner-vpc-connector")
    assert any(r.startswith("aws-cdk-lib") for r in requires), requires
    assert any(r.startswith("constructs") for r in requires), requires
    assert any(r.startswith("jsii") for r in requires), requires


def test_the_module_exports_the_public_api():
    for name in ("VpcConnector", "VpcConnectorProps", "VpcConnectorAttributes", "IVpcConnector"):
        assert hasattr(cdk_apprunner_vpc_connector, name), name
