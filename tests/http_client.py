"""A browser-like HTTP client for an AppServer: keeps cookies, fills in forms, logs in to the admin.

The in-process test client is no use against gunicorn; this speaks plain HTTP over
http.client, posts forms as a browser would (every field of the form as rendered,
CSRF token included) and never follows redirects, so a test sees each answer.
"""

import http.client
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from tests.servers import Response

TEXT_INPUTS = {"text", "hidden", "number", "date", "time", "datetime-local", "email", "url", "password", "search"}


class _FormParser(HTMLParser):
    """The fields of one <form> (the first, or the one with `form_id`) as (name, value) pairs."""

    def __init__(self, form_id=None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.done = False
        self.action = None
        self.fields = []
        self._select = None  # (name, multiple, options, selected)
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and not self.inside:
            if self.form_id is None or attrs.get("id") == self.form_id:
                self.inside, self.action = True, attrs.get("action", "")
            return
        if not self.inside or ("name" not in attrs and tag in ("input", "select", "textarea")):
            return
        if tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in TEXT_INPUTS:
                self.fields.append((attrs["name"], attrs.get("value", "")))
            elif kind in ("checkbox", "radio") and "checked" in attrs:
                self.fields.append((attrs["name"], attrs.get("value", "on")))
        elif tag == "select":
            self._select = (attrs["name"], "multiple" in attrs, [], [])
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")  # the admin's options all carry a value
            self._select[2].append(value)
            if "selected" in attrs:
                self._select[3].append(value)
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "form":
            self.inside, self.done = False, True
        elif tag == "select" and self._select is not None:
            name, multiple, options, selected = self._select
            values = selected or ([] if multiple or not options else [options[0]])
            self.fields += [(name, value) for value in values]
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # HTML drops the newline right after <textarea>.
            self.fields.append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None


def form_fields(html, form_id=None):
    """(action, [(name, value), ...]) of a form in `html`, as a browser would submit it."""
    parser = _FormParser(form_id)
    parser.feed(html)
    if parser.action is None:
        raise AssertionError(f"no form {form_id or ''} in the page:\n{html[:2000]}")
    return parser.action, parser.fields


class HttpSession:
    """One browser against `base_url`: cookies kept between requests, redirects not followed."""

    def __init__(self, base_url, timeout=15):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.timeout = timeout
        self.cookies = {}

    def request(self, path, method="GET", data=None, headers=None):
        headers = dict(headers or {})
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            raw = conn.getresponse()
            content = raw.read()
            for value in raw.msg.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(value).items():
                    if morsel["max-age"] == "0" or morsel.value == "":
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, content)
        finally:
            conn.close()

    def get(self, path, **kwargs):
        return self.request(path, **kwargs)

    def post(self, path, data, **kwargs):
        return self.request(path, method="POST", data=data, **kwargs)

    def csrf_token(self, path):
        """The CSRF token of the first form on `path` (and the cookie that goes with it)."""
        response = self.get(path)
        _action, fields = form_fields(response.text)
        return dict(fields)["csrfmiddlewaretoken"]

    def submit(self, path, form_id=None, changes=None):
        """Load `path`, fill its form as rendered, apply `changes` ({name: value or list}), post it."""
        page = self.get(path)
        if page.status != 200:
            raise AssertionError(f"GET {path} answered {page.status}:\n{page.text[:2000]}")
        action, fields = form_fields(page.text, form_id)
        changes = changes or {}
        data = [(name, value) for name, value in fields if name not in changes]
        for name, value in changes.items():
            data += [(name, v) for v in value] if isinstance(value, list) else [(name, value)]
        return self.post(action or path, data)

    def login(self, username, password, path="/admin/login/?next=/admin/"):
        response = self.submit(path, changes={"username": username, "password": password})
        if response.status != 302:
            raise AssertionError(f"login as {username} failed ({response.status}):\n{response.text[:2000]}")
        return response
