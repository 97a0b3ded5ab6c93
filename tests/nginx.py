"""nginx for deployment tests: the shipped deploy/nginx.conf, run in a temporary prefix in front of an AppServer."""

import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

from tests.servers import ROOT, free_port, port_open, request, require, stop_process, wait_for

NGINX_SITE = ROOT / "deploy" / "nginx.conf"
# The main config a test nginx runs: what /etc/nginx/nginx.conf does for the site, inside the prefix.
NGINX_MAIN = """{user}
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{ worker_connections 128; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/logs/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {site};
}}
"""


def render_nginx_site(values, template=NGINX_SITE):
    """The shipped site config with its @NAME@ placeholders filled in; every one must be."""
    text = template.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", str(value))
    left = sorted(set(re.findall(r"@[A-Z_]+@", text)))
    if left:
        raise AssertionError(f"placeholders left in {template.name}: {', '.join(left)}")
    return text


class NginxServer:
    """Debian's nginx with the shipped deploy/nginx.conf in front of `app_url`, on free ports.

    Everything lives under `tmp_path` (config, self-signed certificate, logs, temp files): no
    system file is read but mime.types, none is written, and no root port is used.
    """

    def __init__(self, tmp_path, app_url, static_root, media_root, site=NGINX_SITE):
        self.binary = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
        require(self.binary is not None, "nginx (Debian's nginx package; scripts/test installs it as root)")
        require(shutil.which("openssl") is not None, "openssl for the test certificate")
        self.prefix = tmp_path / "nginx"
        self.http_port, self.https_port = free_port(), free_port()
        self.url = f"https://127.0.0.1:{self.https_port}"
        self.http_url = f"http://127.0.0.1:{self.http_port}"
        self.app = urlsplit(app_url).netloc
        self.static_root, self.media_root, self.site = Path(static_root), Path(media_root), site
        self.process = None

    def _write_config(self):
        prefix = self.prefix
        for name in ("temp", "logs"):
            (prefix / name).mkdir(parents=True, exist_ok=True)
        cert, key = prefix / "cert.pem", prefix / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
             "-keyout", str(key), "-out", str(cert)],
            check=True, capture_output=True,
        )  # fmt: skip
        site = render_nginx_site(
            {
                "SERVER_NAME": "127.0.0.1 localhost",
                "HTTP_PORT": f"127.0.0.1:{self.http_port}",
                "HTTPS_PORT": f"127.0.0.1:{self.https_port}",
                "APP": self.app,
                "TLS_CERTIFICATE": cert,
                "TLS_CERTIFICATE_KEY": key,
                "STATIC_ROOT": self.static_root,
                "MEDIA_ROOT": self.media_root,
                "CACHE_DIR": prefix / "cache",
            },
            self.site,
        )
        (prefix / "site.conf").write_text(site)
        temp = prefix / "temp"
        # As root, nginx's workers would run as "nobody" and could not read pytest's private tmp dirs.
        user = "user root;" if os.geteuid() == 0 else ""
        (prefix / "nginx.conf").write_text(
            NGINX_MAIN.format(user=user, prefix=prefix, temp=temp, site=prefix / "site.conf")
        )

    def _nginx(self, *args):
        conf = self.prefix / "nginx.conf"
        return [self.binary, "-p", str(self.prefix), "-e", str(self.prefix / "logs" / "error.log"), "-c", str(conf),
                *args]  # fmt: skip

    def start(self):
        self._write_config()
        checked = subprocess.run(self._nginx("-t"), capture_output=True, text=True)
        if checked.returncode != 0:
            raise AssertionError(f"nginx -t refused the config:\n{checked.stderr}")
        self.process = subprocess.Popen(
            self._nginx("-g", "daemon off;"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            wait_for(lambda: port_open("127.0.0.1", self.https_port), timeout=10, what="nginx")
        except TimeoutError:
            self.stop()
            raise AssertionError(f"nginx did not start:\n{self.log()}") from None
        return self

    def get(self, path, **kwargs):
        return request(self.url, path, **kwargs)

    def log(self):
        try:
            return (self.prefix / "logs" / "error.log").read_text(errors="replace")
        except OSError:
            return ""

    def stop(self):
        stop_process(self.process)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
