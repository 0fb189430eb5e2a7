from pcplan.tests.walk import EDITING, Route

ROUTES = [
    Route("plans:plan_list", EDITING | {"force"}),
]
