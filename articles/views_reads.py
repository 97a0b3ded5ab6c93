"""The read beacon (Đọc nhiều): a page posts here once shown, so cached pages are counted too."""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import reads


@csrf_exempt  # no cookie, no form: a reader's browser sends nothing to check, and a forged count is one count
@never_cache
@require_http_methods(["POST", "GET"])
def read_beacon(request, pk):
    """Count a view of article `pk` (articles.reads); always 204, whatever was counted, and no cookie."""
    reads.record_view(request, pk)
    return HttpResponse(status=204)
