from pcplan.tests.walk import EVERYONE, FormCase, Route

ROUTES = [
    Route("home", EVERYONE),
    Route("accessibility", EVERYONE),
    Route("privacy", EVERYONE),
    Route("healthz", EVERYONE),
    Route("login", EVERYONE),
    Route("logout", EVERYONE, method="post"),
]

FORMS = [
    FormCase("login", "other", role="anonymous", reason="signing in"),
    FormCase("logout", "other", reason="signing out"),
]
