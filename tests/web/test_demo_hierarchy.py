"""The demo's agency hierarchy (``demo/hierarchy.py``): every agency gets its own realistic
document-number prefix (代字), an agency made earlier by load_demo included."""

from __future__ import annotations

from gongkai_web.agencies.models import Agency


def test_the_demo_hierarchy_gives_every_agency_its_own_realistic_document_number_prefix(db):
    from gongkai_web.demo.hierarchy import build_hierarchy

    # An agency made earlier by load_demo with its placeholder short name is reused and renamed.
    Agency.objects.create(
        code="cq-czj", name="重庆市财政局", short_name="重庆市财", level="city", kind="city_department"
    )
    agencies = build_hierarchy().agencies
    shorts = [a.short_name for a in agencies]
    assert len(agencies) == 421 and len(set(shorts)) == len(shorts) and all(shorts)
    by_name = {a.name: a.short_name for a in Agency.objects.all()}
    # Hand-checked against the 代字 these bodies print on their documents (渝府发, 渝财…, 江北府发…).
    assert by_name["重庆市人民政府"] == "渝府"
    assert by_name["重庆市财政局"] == "渝财"
    assert by_name["重庆市发展和改革委员会"] == "渝发改"
    assert by_name["重庆市人力资源和社会保障局"] == "渝人社"
    assert by_name["江北区人民政府"] == "江北府"
    assert by_name["渝中区财政局"] == "渝中财"
    assert by_name["石柱土家族自治县人民政府"] == "石柱府"
    assert by_name["彭水苗族土家族自治县教育委员会"] == "彭水教"
    assert by_name["忠县人民政府"] == "忠县府"
    assert by_name["大渡口区第一街道办事处"] == "大渡口一街"
