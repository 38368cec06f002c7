"""'How we know what families need': figures as a table and bar charts, and what
families told us."""

import re

import pytest
from django.core.exceptions import ValidationError

from core.wording import figure_text
from editions.publishing import edition_publish
from editions.read import Figure
from offer.models import Statement, StatementFigure
from public.figures import BAR_SPACE, figure_charts
from tests.factories import (
    FamilyViewFactory,
    ServiceFactory,
    StatementFactory,
    StatementFigureFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(db):
    statement = StatementFactory(family_views_intro="Families told us they want:")
    ServiceFactory()
    figures = [
        {"label": "Children with an EHCP", "value": 3760, "approximate": True, "year": "2023"},
        {
            "label": "Children using targeted short breaks",
            "value": 450,
            "value_to": 500,
            "source": "Council records",
            "source_url": "https://www.example.gov.uk/data",
        },
        {"label": "Children with a disability", "value": 11, "unit": "%", "source": "FRS"},
        {"label": "Wanting school holiday cover", "value": 85, "unit": "%"},
        {"label": "Overnight places", "value": 6, "value_to": 8, "unit": "places"},
    ]
    for order, figure in enumerate(figures):
        StatementFigureFactory(statement=statement, order=order, **figure)
    FamilyViewFactory(statement=statement, point="less travel to a short break")
    FamilyViewFactory(statement=statement, point="more help to find Personal Assistants")
    return edition_publish(label="2026")


@pytest.mark.parametrize(
    "figure, text",
    [
        ({"value": "3760", "unit": "children", "approximate": True}, "about 3,760 children"),
        ({"value": "450", "value_to": "500", "unit": "children"}, "450 to 500 children"),
        ({"value": "11", "unit": "%"}, "11%"),
        ({"value": "2.5", "unit": "%"}, "2.5%"),
        ({"value": "12000", "unit": ""}, "12,000"),
    ],
)
def test_figures_read_as_words(figure, text):
    assert figure_text(_figure(**figure)) == text


def _figure(**given) -> Figure:
    """A published figure: `given`, the rest unstated."""
    stated = {"label": "", "value_to": None, "approximate": False, "source": "",
              "source_url": "", "year": ""}  # fmt: skip
    return Figure(**{**stated, **given})


def test_the_page_has_every_figure_in_a_table_with_its_source_and_year(client, published):
    html = client.get("/what-families-need/").content.decode()
    rows = re.findall(r'<th scope="row" class="govuk-table__header">(.*?)</th>', html)
    assert rows == [
        "Children with an EHCP",
        "Children using targeted short breaks",
        "Children with a disability",
        "Wanting school holiday cover",
        "Overnight places",
    ]
    assert "about 3,760 children" in html and "450 to 500 children" in html
    assert (
        '<a class="govuk-link" href="https://www.example.gov.uk/data">Council records</a>' in html
    )


def test_figures_sharing_a_unit_share_a_bar_chart_with_a_text_alternative(client, published):
    html = client.get("/what-families-need/").content.decode()
    charts = re.findall(r"<svg .*?</svg>", html, re.S)
    # children (2 figures) and % (2 figures); 'places' has one figure, so no chart.
    assert len(charts) == 2
    children, percentages = charts
    assert 'role="img"' in children and 'aria-labelledby="chart-1-title chart-1-desc"' in children
    assert "Numbers of children: bar chart" in children
    assert (
        "Children with an EHCP: about 3,760 children; Children using targeted short breaks: "
        "450 to 500 children." in children
    )
    assert children.count('class="app-chart__bar"') == 2
    assert children.count('class="app-chart__range"') == 1
    assert "Percentages: bar chart" in percentages


def test_bars_are_drawn_to_scale():
    [chart] = figure_charts(
        [
            _figure(label="A", value="100", unit="children"),
            _figure(label="B", value="50", value_to="75", unit="children"),
        ]
    )
    first, second = chart.bars
    assert first.width == BAR_SPACE
    assert second.width == BAR_SPACE / 2
    assert second.range_width == BAR_SPACE / 4


def test_percentages_are_drawn_against_the_whole():
    [chart] = figure_charts(
        [
            _figure(label="A", value="10", unit="%"),
            _figure(label="B", value="20", unit="%"),
        ]
    )
    assert chart.bars[1].width == BAR_SPACE / 5


def test_what_families_told_us_is_listed_after_its_introduction(client, published):
    html = client.get("/what-families-need/").content.decode()
    assert "Families told us they want:" in html
    assert "<li>less travel to a short break</li>" in html


def test_the_whole_statement_includes_them(client, published):
    html = client.get("/statement/").content.decode()
    assert 'href="#how-we-know"' in html
    assert "about 3,760 children" in html and "less travel to a short break" in html


def test_an_edition_with_nothing_on_what_families_need_has_no_such_page(client, db):
    StatementFactory()
    ServiceFactory()
    edition_publish(label="2026")
    assert client.get("/what-families-need/").status_code == 404
    assert 'href="/what-families-need/"' not in client.get("/").content.decode()


def test_officers_edit_figures_with_the_statement_and_a_range_must_run_upwards(client, published):
    figure = StatementFigure(
        statement=Statement.load(), label="Backwards", value=10, value_to=5, unit="children"
    )
    with pytest.raises(ValidationError, match="upper end"):
        figure.full_clean()
    client.force_login(UserFactory(roles=["Editor"]))
    page = client.get(f"/admin/offer/statement/{Statement.load().pk}/change/")
    assert page.status_code == 200
    assert "figures-TOTAL_FORMS" in page.content.decode()
