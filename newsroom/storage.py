"""Static files under content-hashed names, never an error page for one that is missing."""

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """whitenoise's compressed manifest storage (collectstatic writes hashed names and .gz copies).

    A template naming a file collectstatic has not written (a checkout not yet collected, the
    demo, a typo) gets the plain name, which then 404s on its own: the page itself never fails.
    """

    manifest_strict = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        # The manifest is read once, when the storage is made, so a name's address cannot change
        # while it lives: each {% static %} (five on an article page) was a manifest lookup.
        key = (name, force, settings.DEBUG)
        url = self._urls.get(key)
        if url is None:
            if len(self._urls) >= 1024:
                self._urls.clear()
            url = self._urls[key] = super().url(name, force)
        return url

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:
            return name
