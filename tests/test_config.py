import pytest

from triage.config import ConfigError, load_config


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        load_config({"INSTANCE_PATH": tmp_path}, environ={"TRIAGE_ENV": "production"})


def test_production_refuses_a_short_secret_key(tmp_path):
    with pytest.raises(ConfigError):
        load_config({"INSTANCE_PATH": tmp_path}, environ={"TRIAGE_ENV": "production", "SECRET_KEY": "short"})


def test_production_sets_secure_cookies_when_given_a_real_secret(tmp_path):
    env = {"TRIAGE_ENV": "production", "SECRET_KEY": "x" * 40, "TRIAGE_AUDIT_KEY": "k" * 40}
    config = load_config({"INSTANCE_PATH": tmp_path}, environ=env)
    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["SESSION_COOKIE_NAME"].startswith("__Host-")


def test_development_generates_and_keeps_a_secret_in_the_instance_folder(tmp_path):
    first = load_config({"INSTANCE_PATH": tmp_path}, environ={})
    second = load_config({"INSTANCE_PATH": tmp_path}, environ={})
    assert len(first["SECRET_KEY"]) == 64
    assert first["SECRET_KEY"] == second["SECRET_KEY"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_environment_sets_database_and_council(tmp_path):
    config = load_config(
        {"INSTANCE_PATH": tmp_path},
        environ={"DATABASE_URL": "postgresql+psycopg://u@h/db", "COUNCIL_NAME": "Anytown Council"},
    )
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"
    assert config["COUNCIL_NAME"] == "Anytown Council"


def test_sqlite_in_the_instance_folder_is_the_default(tmp_path):
    config = load_config({"INSTANCE_PATH": tmp_path}, environ={})
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'triage.sqlite3'}"


def test_production_refuses_to_start_without_an_audit_key_outside_the_database(tmp_path):
    env = {"TRIAGE_ENV": "production", "SECRET_KEY": "x" * 40}
    with pytest.raises(ConfigError, match="audit log needs a key"):
        load_config({"INSTANCE_PATH": tmp_path}, environ=env)
    key = tmp_path / "audit.key"
    key.write_text("k" * 64)
    key.chmod(0o644)
    with pytest.raises(ConfigError, match="chmod 600"):
        load_config({"INSTANCE_PATH": tmp_path}, environ=env)
    key.chmod(0o600)
    assert load_config({"INSTANCE_PATH": tmp_path}, environ=env)["AUDIT_KEY"] == "k" * 64


def test_development_generates_an_audit_key_readable_by_its_owner_only(tmp_path):
    config = load_config({"INSTANCE_PATH": tmp_path}, environ={})
    assert len(config["AUDIT_KEY"]) >= 32
    assert (tmp_path / "audit.key").stat().st_mode & 0o777 == 0o600
    assert load_config({"INSTANCE_PATH": tmp_path}, environ={})["AUDIT_KEY"] == config["AUDIT_KEY"]
