from pcplan.tests.walk import EVERYONE, Route

ROUTES = [
    Route("home", EVERYONE),
    Route("accessibility", EVERYONE),
    Route("privacy", EVERYONE),
    Route("healthz", EVERYONE),
    Route("login", EVERYONE),
    Route("logout", EVERYONE, method="post"),
]
