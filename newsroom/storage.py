"""Static files under content-hashed names, never an error page for one that is missing."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """whitenoise's compressed manifest storage (collectstatic writes hashed names and .gz copies).

    A template naming a file collectstatic has not written (a checkout not yet collected, the
    demo, a typo) gets the plain name, which then 404s on its own: the page itself never fails.
    """

    manifest_strict = False

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:
            return name
