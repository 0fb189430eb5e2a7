"""The public record: the Panel's recommendations and report beside the Commissioner's
published response, with each change to the plan shown in place."""

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from pcplan.access import allow
from pcplan.roles import PUBLIC

from .. import selectors
from ..changes import ChangeRenderer
from .members import _pdf_download


@allow(PUBLIC)
def published_list(request: HttpRequest) -> HttpResponse:
    return render(request, "panel/published_list.html", {"reviews": list(selectors.published_reviews())})


@allow(PUBLIC)
def published_detail(request: HttpRequest, review_id: int) -> HttpResponse:
    review = selectors.published_review(review_id)
    recommendations = list(selectors.live_recommendations(review))
    renderer = ChangeRenderer(review.version).load(getattr(r, "response", None) for r in recommendations)
    for recommendation in recommendations:
        # change is for the page only; Recommendation does not declare it, hence the ignore.
        recommendation.change = renderer.change(getattr(recommendation, "response", None))  # type: ignore[attr-defined]
    return render(
        request,
        "panel/published_detail.html",
        {
            "review": review,
            "plan": review.version.plan,
            "publication": review.publication,
            "report": getattr(review, "report", None),
            "recommendations": recommendations,
            "unanswered": sum(1 for r in recommendations if getattr(r, "response", None) is None),
        },
    )


@allow(PUBLIC)
def public_report_attachment(request: HttpRequest, review_id: int) -> FileResponse:
    review = selectors.published_review(review_id)
    return _pdf_download(getattr(review, "report", None))
