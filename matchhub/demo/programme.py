"""The demo's 兰州 zone as a zone that is being built: an approved construction plan
with its targets, reported indicators for last year, and a draft of this year's yearly
report. Written through the zones services as the zone administrator and the province
would, so every rule (who may do what, the review of reported values) applies."""

import datetime as dt
import io
from pathlib import Path

from docx import Document
from sqlalchemy.orm import Session

from matchhub.demo.organisations import Cast
from matchhub.zones.entries.recording import report_value, set_target
from matchhub.zones.programme.documents import Upload
from matchhub.zones.programme.plans import (
    PlanInput,
    get_plan,
    review_plan,
    save_plan,
    submit_plan,
)
from matchhub.zones.programme.report_sections import save_sections

ZONE = "620100"
ZONE_ADMIN = "zone.lanzhou@demo.example"
PLAN_TITLE = "兰州市科技成果转移转化示范区建设方案（演示）"
# Last year's reported indicators 8-10, with the kind of source a zone would cite.
REPORTED = (("special_funds", "35000000", "兰州市财政局专项资金拨付文件（演示）"),
            ("maker_spaces", "18", "兰州市科技局众创空间备案名单（演示）"),
            ("incubated_tech_firms", "420", "兰州市孵化器年报汇总（演示）"))
SECTIONS = {
    "foundation": "兰州市聚集了全省主要的高校和科研院所，技术市场活跃（演示数据）。",
    "guidance": "以市场需求为导向，以企业为主体，推动科技成果就地转化（演示数据）。",
}


def _plan_document() -> Upload:
    document = Document()
    document.add_heading(PLAN_TITLE, level=1)
    document.add_paragraph("本文件为演示数据，内容虚构。")
    buffer = io.BytesIO()
    document.save(buffer)
    return Upload("兰州示范区建设方案（演示）.docx", buffer.getvalue())


def load_programme(session: Session, cast: Cast, today: dt.date, data_dir: Path) -> bool:
    """The zone's programme, unless the zone already has a plan (a reload after a reset
    keeps it). Returns whether it was written."""
    if get_plan(session, ZONE) is not None:
        return False
    zone_admin, province = cast.users[ZONE_ADMIN], cast.reviewer
    start = today.year - 1
    save_plan(session, zone_admin, ZONE,
              PlanInput(PLAN_TITLE, start, start + 2, "60", "亿元"), _plan_document(), data_dir)
    submit_plan(session, zone_admin, ZONE)
    review_plan(session, province, ZONE, approve=True, note="同意按方案建设（演示）")
    for year, volume in ((start, "4000000000"), (today.year, "4500000000")):
        set_target(session, province, ZONE, year, "contract_volume_output", volume)
    for code, value, source in REPORTED:
        report_value(session, zone_admin, ZONE, start, code, value, source)
    save_sections(session, zone_admin, ZONE, today.year, SECTIONS)
    return True
