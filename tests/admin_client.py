"""Test helpers for the admin: turn a rendered change form back into the POST a browser would send."""

from django.core.files.uploadedfile import UploadedFile


def _put(data, key, value):
    if value is None or isinstance(value, UploadedFile) or hasattr(value, "url"):
        return
    if isinstance(value, bool):
        if value:
            data[key] = "on"
        return
    if isinstance(value, (list, tuple)):
        data[key] = [str(v) for v in value]
        return
    data[key] = str(value)


def form_data(response, **changes):
    """The POST data of the admin change form in `response` as loaded, with `changes` applied."""
    context = response.context
    data = {}
    form = context["adminform"].form
    for name in form.fields:
        _put(data, form.add_prefix(name), form[name].value())
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            _put(data, management.add_prefix(name), management[name].value())
        for sub in formset.forms:
            for name in sub.fields:
                _put(data, sub.add_prefix(name), sub[name].value())
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def transition_url(article, name):
    return f"/admin/articles/article/{article.pk}/transition/{name}/"


def admin_login(client, username, password, **extra):
    """Sign in through the real admin login form, as a browser does; True if it let the user in.

    `client.login()` cannot be used: it calls authenticate() without a request, which the
    login-throttling backend (django-axes) refuses. `force_login` skips authentication entirely.
    """
    response = client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"}, **extra)
    return response.status_code == 302 and response["Location"] == "/admin/"
