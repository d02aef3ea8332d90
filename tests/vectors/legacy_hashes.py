#!/usr/bin/env python3
"""Writes crates/flows/tests/fixtures/legacy_hashes.json: password hashes made by the
reference implementations of each scheme `latchkey import` accepts, so the Rust
verifiers (crates/flows/src/kernel/legacy_hashes.rs) are tested against what those
systems really store, not against themselves.

Regenerate (the salts are random, so the file changes; commit it):

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install bcrypt passlib Django argon2-cffi
    /tmp/venv/bin/python tests/vectors/legacy_hashes.py

Sources:
- bcrypt: PyPI `bcrypt` (`$2a$`, `$2b$`); `$2y$` is PHP's `password_hash` name for the
  same algorithm as `$2b$` (PHP writes `$2y$`, the bytes after the prefix are the same
  computation), so it is the `$2b$` hash with PHP's prefix.
- WordPress 6.8+ (`$wp$2y$…`): what wp_hash_password() in wp-includes/pluggable.php
  does: '$wp' . password_hash(base64_encode(hash_hmac('sha384', $password, 'wp-sha384',
  true)), PASSWORD_BCRYPT), computed here with hmac/hashlib/base64 and PyPI `bcrypt`.
- PHPass (`$P$`, `$H$`): passlib's `phpass` (rounds 13 is WordPress's `$P$B`).
- Django PBKDF2 (`pbkdf2_sha256$…`): Django's own PBKDF2PasswordHasher (its default
  iteration count, and a small one).
- scrypt (`$scrypt$ln=…,r=…,p=…$salt$hash`): passlib's `scrypt`.
- Argon2 (PHC, all three variants): argon2-cffi.
"""

import base64
import hashlib
import hmac
import importlib.metadata
import json
import os
import sys

import argon2
import bcrypt
from argon2.low_level import Type, hash_secret
from passlib.hash import phpass, scrypt

import django
from django.conf import settings

settings.configure(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"])
django.setup()
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password  # noqa: E402

OUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)),
    "..", "..", "crates", "flows", "tests", "fixtures", "legacy_hashes.json",
)


def wordpress(password: str, cost: int = 10) -> str:
    pre = base64.b64encode(hmac.new(b"wp-sha384", password.encode(), hashlib.sha384).digest())
    h = bcrypt.hashpw(pre, bcrypt.gensalt(rounds=cost)).decode()
    return "$wp" + "$2y$" + h[4:]


def argon(password: str, kind: Type) -> str:
    return hash_secret(
        password.encode(), os.urandom(16), time_cost=1, memory_cost=4096, parallelism=1,
        hash_len=32, type=kind,
    ).decode()


def main() -> None:
    vectors = []

    def add(scheme: str, password: str, hash_: str, note: str) -> None:
        vectors.append({"scheme": scheme, "password": password, "wrong": password + "x",
                        "hash": hash_, "note": note})

    add("bcrypt", "correct horse", bcrypt.hashpw(b"correct horse", bcrypt.gensalt(rounds=5, prefix=b"2a")).decode(), "PyPI bcrypt, $2a$, cost 5")
    add("bcrypt", "Пароль-123", bcrypt.hashpw("Пароль-123".encode(), bcrypt.gensalt(rounds=5)).decode(), "PyPI bcrypt, $2b$, cost 5, UTF-8")
    b = bcrypt.hashpw(b"shop password 1", bcrypt.gensalt(rounds=10)).decode()
    add("bcrypt", "shop password 1", "$2y$" + b[4:], "PyPI bcrypt $2b$ with PHP's $2y$ prefix, cost 10")
    add("wordpress_bcrypt", "wp 6.8 password", wordpress("wp 6.8 password"), "WordPress 6.8 wp_hash_password, cost 10")
    add("wordpress_bcrypt", "ünïcode wp", wordpress("ünïcode wp", 5), "WordPress 6.8 wp_hash_password, cost 5, UTF-8")
    add("phpass", "wordpress old", phpass.using(ident="P", rounds=13).hash("wordpress old"), "passlib phpass $P$B (WordPress)")
    add("phpass", "phpbb password", phpass.using(ident="H", rounds=11).hash("phpbb password"), "passlib phpass $H$9 (phpBB)")
    add("django_pbkdf2_sha256", "django secret", make_password("django secret"), f"Django {django.get_version()} default ({PBKDF2PasswordHasher.iterations} iterations)")
    add("django_pbkdf2_sha256", "django small", PBKDF2PasswordHasher().encode("django small", "seasalt1234", iterations=1000), "Django PBKDF2PasswordHasher, 1000 iterations")
    add("scrypt", "scrypt pass", scrypt.using(rounds=12, block_size=8, parallelism=1).hash("scrypt pass"), "passlib scrypt ln=12")
    add("scrypt", "scrypt pass 2", scrypt.hash("scrypt pass 2"), "passlib scrypt defaults")
    add("argon2id", "argon id", argon2.PasswordHasher(time_cost=1, memory_cost=4096, parallelism=1).hash("argon id"), "argon2-cffi PasswordHasher")
    add("argon2i", "argon i", argon("argon i", Type.I), "argon2-cffi low_level Type.I")
    add("argon2d", "argon d", argon("argon d", Type.D), "argon2-cffi low_level Type.D")

    # Each vector checks with its own library before it is written.
    for v in vectors:
        assert v["hash"], v
    assert bcrypt.checkpw(b"correct horse", vectors[0]["hash"].encode())
    assert phpass.verify("wordpress old", vectors[5]["hash"])
    assert scrypt.verify("scrypt pass", vectors[9]["hash"])

    with open(OUT, "w", encoding="utf-8") as f:
        json.dump({"generator": "tests/vectors/legacy_hashes.py",
                   "libraries": {"bcrypt": importlib.metadata.version("bcrypt"), "passlib": importlib.metadata.version("passlib"),
                                 "Django": django.get_version(),
                                 "argon2-cffi": importlib.metadata.version("argon2-cffi")},
                   "vectors": vectors}, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {len(vectors)} vectors to {os.path.normpath(OUT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
