import pytest
from stdnum.cn import ric

from zhifa.core.errors import DomainError
from zhifa.grid.identifiers import credit_code_clean, id_number_clean, id_number_mask
from zhifa.grid.models import Subject
from zhifa.grid.services import subject_register

from .conftest import A

pytestmark = pytest.mark.django_db

# The worked example of GB 11643-1999 and the example code of python-stdnum's GB 32100 module.
VALID_ID = "11010519491231002X"
VALID_USCC = "91110000600037341L"


def with_check_digit(body17: str) -> str:
    return body17 + ric.calc_check_digit(body17 + "0")


def test_a_valid_credit_code_passes_and_is_normalised():
    assert credit_code_clean(" 91110000600037341l ") == VALID_USCC


@pytest.mark.parametrize("wrong", ["91110000600037341M", "91110000600037342L"])
def test_a_credit_code_with_a_wrong_check_character_is_refused(wrong):
    with pytest.raises(DomainError, match="校验码不正确"):
        credit_code_clean(wrong)


def test_a_short_credit_code_is_refused_with_its_length():
    with pytest.raises(DomainError, match="应为 18 位，收到 17 位"):
        credit_code_clean(VALID_USCC[:-1])


def test_a_valid_id_number_passes_with_a_lower_case_x():
    assert id_number_clean("11010519491231002x") == VALID_ID


def test_an_id_number_of_this_county_passes():
    # stdnum's historical county table does not know 140924 (繁峙县); we must still accept it
    assert id_number_clean(with_check_digit("14092419800101123")) == "140924198001011236"


def test_an_id_number_with_a_wrong_check_digit_is_refused():
    with pytest.raises(DomainError, match="校验位不正确"):
        id_number_clean("110105194912310021")


def test_an_id_number_with_an_impossible_birth_date_is_refused():
    with pytest.raises(DomainError, match="出生日期不正确"):
        id_number_clean(with_check_digit("14092419800230123"))


def test_an_id_number_with_an_unknown_province_is_refused():
    with pytest.raises(DomainError, match="地址码不正确"):
        id_number_clean(with_check_digit("99092419800101123"))


def test_an_id_number_is_masked_for_lists():
    assert id_number_mask(VALID_ID) == "110***********002X"


def test_an_enterprise_with_a_bad_credit_code_is_not_registered(town):
    with pytest.raises(DomainError, match="校验码不正确"):
        subject_register(
            town=town, kind="enterprise", name="示例公司", credit_code="91110000600037341M"
        )
    assert Subject.objects.count() == 0


def test_a_credit_code_is_registered_once_per_town(town):
    subject_register(town=town, kind="enterprise", name="示例公司", credit_code=VALID_USCC)
    with pytest.raises(DomainError, match="已登记"):
        subject_register(town=town, kind="enterprise", name="示例公司二", credit_code=VALID_USCC)


def test_a_site_is_placed_in_its_grid_cell(town, cells):
    site = subject_register(
        town=town, kind="site", site_type="coal_yard", name="山会村煤场", lat=39.185, lng=113.265
    )
    assert site.cell.code == A


def test_a_site_needs_a_site_type(town):
    with pytest.raises(DomainError, match="场所类型"):
        subject_register(town=town, kind="site", name="某处")


def test_the_subject_list_masks_id_numbers(client, login, personas):
    subject_register(town=personas.town, kind="individual", name="贾示摊", id_number=VALID_ID)
    page = login(client, personas.officer).get("/grid/subjects/").content.decode()
    assert "110***********002X" in page and VALID_ID not in page


def test_the_subject_api_masks_id_numbers(personas, api_client):
    subject_register(town=personas.town, kind="individual", name="贾示摊", id_number=VALID_ID)
    body = api_client(personas.officer).get("/api/v1/grid/subjects").content.decode()
    assert "110***********002X" in body and VALID_ID not in body


def test_registering_from_the_page_with_a_bad_id_shows_the_reason(client, login, personas):
    response = login(client, personas.officer).post(
        "/grid/subjects/new/",
        {
            "kind": "individual",
            "name": "贾示摊",
            "id_number": "110105194912310021",
            "datum": "wgs84",
        },
    )
    assert response.status_code == 422
    assert "校验位不正确" in response.content.decode()
    assert 'value="贾示摊"' in response.content.decode()  # the form comes back as typed
    assert Subject.objects.count() == 0
