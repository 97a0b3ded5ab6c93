from wagtail.models import Site


def menu(request):
    """The section menu from the page tree: the home page's live children marked "show in menus"."""

    def pages():
        site = Site.find_for_request(request)
        return site.root_page.get_children().live().in_menu() if site else []

    return {"menu_pages": pages}
