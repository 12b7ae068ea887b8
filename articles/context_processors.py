from django.contrib.sites.shortcuts import get_current_site


def site_name(request):
    """The site's name, as editors set it in the admin (Sites), for the header and titles.

    django.contrib.sites caches the current site per process, so this costs no query
    after the first request.
    """
    return {"site_name": get_current_site(request).name}
