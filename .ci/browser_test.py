#!/usr/bin/env python3
"""A person's walk through Praktika in a real headless Chromium.

Starts the built `praktika` binary with the demo data on a fresh SQLite file, then:
signs in, switches the language, edits a library with an error and then without, and
checks what a person would see (messages at the field, the saved value, the audit log),
at 1366x768 and at 320 px wide; then searches the catalogue as a visitor (Bulgarian, Latin
letters, a facet, the pointer to designs) and adopts a practice as a coordinator. Exits non-zero
on the first failed check.

Usage: .ci/browser_test.py [path/to/praktika]   (default .build/debug/praktika)
Screenshots go to $SCREENSHOTS when it is set.
"""
import datetime
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

BINARY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/praktika")
SHOTS = os.environ.get("SCREENSHOTS")
checks = 0


def check(condition, what):
    global checks
    checks += 1
    if not condition:
        raise AssertionError(what)
    print(f"  ok  {what}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(workdir):
    port = free_port()
    env = dict(os.environ, DATABASE_URL=f"sqlite://{workdir}/browser.sqlite", PRAKTIKA_BCRYPT_COST="8")
    log = open(os.path.join(workdir, "serve.log"), "w")
    proc = subprocess.Popen(
        [BINARY, "serve", "--demo", "--port", str(port)], cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as r:
                if r.status == 200:
                    return proc, base
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("the server did not answer /healthz; see " + log.name)


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,768"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def shot(driver, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        width = driver.get_window_size()["width"]
        driver.set_window_size(width, max(height, 400))
        driver.save_screenshot(os.path.join(SHOTS, name + ".png"))


def click(driver, element):
    """Clicks a link or submit button and waits until the next page has replaced this one."""
    navigate(driver, element.click)


def navigate(driver, action):
    """Does what leads to another page (a click, a key) and waits until that page has replaced this one."""
    old = driver.find_element(By.TAG_NAME, "html")
    action()

    def replaced(_):
        # Chromium may answer "node does not belong to the document" instead of a stale element.
        try:
            old.is_enabled()
            return False
        except Exception:
            return True

    WebDriverWait(driver, 20).until(replaced)
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")


def sign_in(driver, base, email):
    """Signs in with a demo account (the cookies of whoever was signed in before are dropped)."""
    driver.delete_all_cookies()
    driver.get(base + "/sign-in")
    driver.find_element(By.ID, "field-email").send_keys(email)
    driver.find_element(By.ID, "field-password").send_keys("praktika-demo")
    click(driver, driver.find_element(By.CSS_SELECTOR, "form.record-form button[type=submit]"))


def set_value(driver, element, value):
    """Fills a date or time input the way its picker would (ISO), whatever the browser's locale."""
    driver.execute_script("arguments[0].value = arguments[1]", element, value)


def confirm_click(driver, element):
    """Clicks a button whose form asks first, accepts the question, and waits for the next page."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 10).until(EC.alert_is_present()).accept()
    WebDriverWait(driver, 20).until(EC.staleness_of(old))
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")


def axe_violations(driver, impacts=("critical", "serious")):
    """Runs axe-core 4.12 (the axe.min.js that the axe-playwright-python package ships, read as a
    file: its Python side, which needs Playwright, is never imported) on the page; answers the
    violations of the given impacts as (rule, count) pairs."""
    import importlib.util
    package = importlib.util.find_spec("axe_playwright_python").submodule_search_locations[0]
    source = open(os.path.join(package, "axe.min.js")).read()
    driver.execute_script(source)
    result = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(r.violations.map("
        "function (v) { return [v.id, v.impact, v.nodes.length]; })); });")
    return [(rule, n) for rule, impact, n in result if impact in impacts]


def qr_link(driver, element, workdir, name):
    """Reads a QR code drawn on the page the way a phone's camera would: a screenshot decoded by zbar."""
    path = os.path.join(workdir, name + ".png")
    element.screenshot(path)
    return subprocess.run(["zbarimg", "--raw", "-q", path], capture_output=True, text=True).stdout.strip()


def text(driver, css):
    return driver.find_element(By.CSS_SELECTOR, css).text


def no_horizontal_scroll(driver):
    return driver.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def walk(driver, base, workdir):
    driver.get(base + "/")
    check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "bg", "the first page is in Bulgarian")
    check("Библиотеки" in text(driver, "nav .main-nav"), "the navigation reads Библиотеки")
    shot(driver, "01-home-bg")

    # Sign in, first with a wrong password.
    click(driver, driver.find_element(By.LINK_TEXT, "Вход"))
    driver.find_element(By.ID, "field-email").send_keys("admin@praktika.local")
    driver.find_element(By.ID, "field-password").send_keys("wrong password")
    click(driver, driver.find_element(By.CSS_SELECTOR, "form.record-form button[type=submit]"))
    check(driver.find_elements(By.CSS_SELECTOR, ".error-summary"), "a wrong password is refused with a message")
    check(
        driver.find_element(By.ID, "field-email").get_attribute("value") == "admin@praktika.local",
        "the e-mail typed is kept after the refusal",
    )
    driver.find_element(By.ID, "field-password").send_keys("praktika-demo")
    click(driver, driver.find_element(By.CSS_SELECTOR, "form.record-form button[type=submit]"))
    check("Администратор" in text(driver, ".site-header"), "signed in: the header names the user")

    # Switch to English; the choice stays on the next page.
    click(driver, driver.find_element(By.CSS_SELECTOR, "button.language"))
    check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "the page switched to English")
    driver.get(base + "/libraries")
    check("Libraries" in text(driver, "h1"), "English is remembered on the next page")
    shot(driver, "02-libraries-en")

    # Edit a library: first with the name emptied, then with a new name.
    click(driver, driver.find_element(By.LINK_TEXT, "Регионална библиотека „Никола Вранчев“"))
    record_url = driver.current_url
    click(driver, driver.find_element(By.CSS_SELECTOR, "a[href$='/edit']"))
    name = driver.find_element(By.ID, "field-name")
    name.clear()
    phone = driver.find_element(By.ID, "field-phone")
    phone.clear()
    phone.send_keys("0301 62 000")
    click(driver, driver.find_element(By.CSS_SELECTOR, "form.record-form button[type=submit]"))
    check(driver.find_elements(By.CSS_SELECTOR, ".error-summary"), "an empty name gives an error summary")
    check("required" in text(driver, "#field-name-error").lower(), "the message at the name field is in English")
    check(
        driver.find_element(By.ID, "field-name").get_attribute("aria-invalid") == "true",
        "the name field is marked invalid for assistive technology",
    )
    check(
        driver.find_element(By.ID, "field-phone").get_attribute("value") == "0301 62 000",
        "the phone typed is kept after the error",
    )
    shot(driver, "03-form-error-en")

    # The same error in Bulgarian (the switch leads back to the record; nothing was saved).
    click(driver, driver.find_element(By.CSS_SELECTOR, "button.language"))
    check(text(driver, "h1").endswith("Никола Вранчев“"), "the failed save changed nothing")
    click(driver, driver.find_element(By.CSS_SELECTOR, "a[href$='/edit']"))
    driver.find_element(By.ID, "field-name").clear()
    click(driver, driver.find_element(By.CSS_SELECTOR, "form.record-form button[type=submit]"))
    check("задължително" in text(driver, "#field-name-error"), "the message at the name field is in Bulgarian")

    driver.find_element(By.ID, "field-name").send_keys("Регионална библиотека „Никола Вранчев“ – Смолян")
    driver.find_element(By.ID, "field-phone").clear()
    driver.find_element(By.ID, "field-phone").send_keys("0301 62 000")
    click(driver, driver.find_element(By.CSS_SELECTOR, "form.record-form button[type=submit]"))
    check(driver.current_url == record_url, "a valid save returns to the record")
    check("– Смолян" in text(driver, "h1"), "the record shows the new name")
    check(driver.find_elements(By.CSS_SELECTOR, ".flash"), "a confirmation is shown")
    shot(driver, "04-record-saved-bg")

    driver.get(base + "/audit")
    audit = text(driver, "main")
    check("– Смолян" in audit and "0301 62 000" in audit, "the audit log shows the change")
    shot(driver, "05-audit-bg")

    # A new service design, then its budget with a line added in place by JavaScript.
    driver.get(base + "/services/new")
    driver.find_element(By.ID, "field-title").send_keys("Дигитални умения 60+")
    Select(driver.find_element(By.ID, "field-library-0-id")).select_by_visible_text("Регионална библиотека „Никола Вранчев“ – Смолян")
    Select(driver.find_element(By.ID, "field-target_category")).select_by_value("pensioners")
    click(driver, driver.find_element(By.CSS_SELECTOR, "form.chart-form .actions button[type=submit]"))
    check(text(driver, "h1") == "Дигитални умения 60+", "a new design opens as its chart")
    design_url = driver.current_url
    click(driver, driver.find_element(By.CSS_SELECTOR, "a[href$='/edit/budget']"))
    driver.find_element(By.ID, "field-budget-0-item").send_keys("Дипляни")
    driver.find_element(By.ID, "field-budget-0-unit_cost").send_keys("300")
    Select(driver.find_element(By.ID, "field-budget-0-currency")).select_by_value("BGN")
    form_url = driver.current_url
    driver.find_element(By.CSS_SELECTOR, ".rows[data-prefix=budget] .add-row").click()
    rows = driver.find_elements(By.CSS_SELECTOR, ".rows[data-prefix=budget] fieldset.row")
    check(len(rows) == 2 and driver.current_url == form_url, "'add a line' adds a row in place, without a round trip")
    driver.find_element(By.ID, "field-budget-1-item").send_keys("Таблет")
    driver.find_element(By.ID, "field-budget-1-quantity").send_keys("2")
    driver.find_element(By.ID, "field-budget-1-unit_cost").send_keys("45,50")
    Select(driver.find_element(By.ID, "field-budget-1-currency")).select_by_value("EUR")
    running = text(driver, ".running-total")
    check("300,00 лв." in running and "91,00 €" in running, "the running total follows what is typed: " + running)
    shot(driver, "08-budget-form-bg")
    click(driver, driver.find_element(By.CSS_SELECTOR, "form.chart-form .actions button[type=submit]"))
    check(driver.current_url.startswith(design_url), "saving the budget returns to the chart")
    check("244,39 € (≈ 477,99 лв.)" in text(driver, "#block-budget"), "the chart totals euro and leva lines exactly")
    shot(driver, "09-chart-bg")

    # Two lines can change places (unsaved until Save); Enter in a field saves rather than moving a line.
    click(driver, driver.find_element(By.CSS_SELECTOR, "a[href$='/edit/budget']"))
    check(len(driver.find_elements(By.CSS_SELECTOR, ".rows[data-prefix=budget] .row-move button")) == 2, "each of two lines offers one move")
    click(driver, driver.find_element(By.CSS_SELECTOR, "button[value='budget-1-up']"))
    check(
        driver.find_element(By.ID, "field-budget-0-item").get_attribute("value") == "Таблет",
        "moving a line up puts it above the other",
    )
    item = driver.find_element(By.ID, "field-budget-0-item")
    navigate(driver, lambda: item.send_keys(Keys.ENTER))
    budget = text(driver, "#block-budget")
    check(driver.current_url.startswith(design_url), "Enter in a field saves the form")
    check(budget.find("Таблет") < budget.find("Дипляни"), "the new order of the lines is saved")
    driver.get(design_url + "/print")
    check(driver.find_elements(By.CSS_SELECTOR, ".diagram svg"), "the print view carries the diagram")

    # Past 200 registry partners the partner rows offer the design's districts and a search; Enter
    # in the search box searches (with JavaScript) instead of saving.
    db = sqlite3.connect(os.path.join(workdir, "browser.sqlite"))
    db.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 201) "
        "INSERT INTO partners (name, name_key, kind, district_code, created_at, updated_at) "
        "SELECT 'Видинска проба ' || i, 'видинска проба ' || i, p.kind, 'BG-05', p.created_at, p.updated_at "
        "FROM n, (SELECT kind, created_at, updated_at FROM partners LIMIT 1) p"
    )
    db.commit()
    db.close()
    driver.get(design_url + "/edit/partners")
    offered = lambda: [o.text for o in driver.find_elements(By.CSS_SELECTOR, "#field-partner-0-id option")]
    check(not any("Видинска проба" in o for o in offered()), "a large registry offers only the design's districts")
    search = driver.find_element(By.ID, "field-partner_search")
    search.send_keys("видинска проба 17")
    navigate(driver, lambda: search.send_keys(Keys.ENTER))
    check(driver.find_elements(By.ID, "field-partner_search"), "Enter in the partner search stays on the form")
    check(any(o.startswith("Видинска проба 17") for o in offered()), "Enter in the partner search adds the partners found")

    meeting_path = meeting_walk(driver, base)

    # A narrow phone screen: nothing wider than the screen.
    driver.set_window_size(320, 700)
    design_path = design_url.replace(base, "")
    for path in ("/", "/libraries", record_url.replace(base, ""), "/libraries/new", "/audit", "/services", design_path,
                 design_path + "/edit/budget", design_path + "/leaflet", "/meetings", meeting_path, meeting_path + "/agenda",
                 meeting_path + "/participants", meeting_path + "/tables", meeting_path + "/report"):
        driver.get(base + path)
        check(no_horizontal_scroll(driver), f"{path} fits 320 px without sideways scrolling")
    shot(driver, "06-audit-320")
    driver.get(base + "/practices?q=%D0%B4%D0%B5%D1%86%D0%B0")
    above = driver.execute_script(
        "return document.querySelector('.results').getBoundingClientRect().bottom"
        " <= document.querySelector('.facets').getBoundingClientRect().top")
    check(above, "at 320 px the catalogue's results come before its facets")
    check(no_horizontal_scroll(driver), "and the catalogue fits 320 px without sideways scrolling")
    driver.get(design_url)
    shot(driver, "07-chart-320")

    # Sign out.
    driver.set_window_size(1366, 768)
    click(driver, driver.find_element(By.CSS_SELECTOR, ".site-header form[action='/sign-out'] button"))
    check(driver.find_elements(By.LINK_TEXT, "Вход"), "signed out: the sign-in link is back")


def meeting_walk(driver, base):
    """An organiser's meeting: create it, add tables, import people, seat them, collect feedback."""
    driver.get(base + "/meetings/new")
    form = driver.find_element(By.CSS_SELECTOR, "form.record-form")
    form.find_element(By.NAME, "title").send_keys("Среща в браузъра")
    set_value(driver, form.find_element(By.NAME, "starts_on"), "2026-03-12")
    set_value(driver, form.find_element(By.NAME, "ends_on"), "2026-03-13")
    form.find_element(By.NAME, "venue").send_keys("РБ „Никола Вранчев“")
    for code in ("BG-21", "BG-13", "BG-16"):
        form.find_element(By.ID, "field-districts-" + code).click()
    Select(form.find_element(By.NAME, "status")).select_by_value("registration")
    click(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    check(text(driver, "h1") == "Среща в браузъра", "a new meeting opens on its page")
    check("12 и 13 март 2026 г." in text(driver, ".meeting-facts"), "its dates read as Bulgarians write them")
    meeting_url = driver.current_url
    check(driver.find_elements(By.CSS_SELECTOR, ".practice code"), "the organiser sees the registration link")
    register_link = text(driver, ".practice code")

    driver.get(meeting_url + "/tables")
    for number, group, category in (("1", "Ученици", "pupils"), ("2", "Пенсионери", "pensioners")):
        form = driver.find_element(By.CSS_SELECTOR, "form.record-form")
        number_field = form.find_element(By.NAME, "number")
        number_field.clear()
        number_field.send_keys(number)
        form.find_element(By.NAME, "target_group").send_keys(group)
        Select(form.find_element(By.NAME, "category")).select_by_value(category)
        click(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    check(len(driver.find_elements(By.CSS_SELECTOR, ".work-table")) == 2, "two work tables are listed")

    driver.get(meeting_url + "/participants/import")
    districts = ("Смолян", "Пазарджик", "Пловдив")
    rows = ["Име;Организация;Област;Роля"] + [
        f"Човек {i};Библиотека {i};{districts[i % 3]};библиотекар" for i in range(1, 21)
    ] + ["Без област;Читалище;;библиотекар"]
    driver.find_element(By.NAME, "csv").send_keys("\n".join(rows))
    click(driver, driver.find_element(By.CSS_SELECTOR, "form.record-form button[type=submit]"))
    report = text(driver, "table.import-problems")
    check("22" in report and "Област" in report, "the import report names the row and the column of the problem")
    click(driver, driver.find_element(By.XPATH, "//button[contains(., '(20)')]"))
    check("Участници: 20" in text(driver, "main"), "the 20 valid rows are imported")

    driver.get(meeting_url + "/tables")
    click(driver, driver.find_element(By.CSS_SELECTOR, "a[href$='/tables/seat']"))
    check("20 без място ще получат маса." in text(driver, "main"), "seating everyone first says what it will change")
    click(driver, driver.find_element(By.XPATH, "//form[contains(@action, '/tables/seat')]//button"))
    check("Разпределени: 20 от 20" in text(driver, "main"), "one confirmation seats everyone")
    check(not driver.find_elements(By.CSS_SELECTOR, ".work-table.is-off"), "no table is flagged after seating")
    check(all("Пловдив" in t.text and "Смолян" in t.text for t in driver.find_elements(By.CSS_SELECTOR, ".work-table")),
          "every table mixes the three districts")
    shot(driver, "10-seating")
    move = driver.find_element(By.CSS_SELECTOR, "form.move-form")
    Select(move.find_element(By.NAME, "participant")).select_by_index(1)
    check("/tables" in driver.current_url and move.is_displayed(), "choosing a person does not submit the move by itself")
    Select(move.find_element(By.NAME, "table")).select_by_index(1)
    click(driver, move.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    check("Участникът е преместен." in text(driver, ".flash"), "a person is moved by hand")
    check(driver.find_elements(By.CSS_SELECTOR, ".work-table.is-off") or "Отклонение: 0" in text(driver, "main"),
          "an unbalancing move is flagged at its table")
    check(len(driver.find_elements(By.CSS_SELECTOR, "form[action$='/tables/unpin']")) == 1,
          "the person moved by hand is pinned, with a way to release them")
    driver.get(meeting_url + "/badges")
    check(len(driver.find_elements(By.CSS_SELECTOR, ".badge")) == 20, "a badge for each participant")
    check("Маса 1" in text(driver, ".badges"), "badges carry the table number")

    # Someone registers through the public link.
    driver.get(register_link)
    form = driver.find_element(By.CSS_SELECTOR, "form.record-form")
    form.find_element(By.NAME, "full_name").send_keys("Регистрирана Колежка")
    form.find_element(By.NAME, "organisation").send_keys("НЧ Родина")
    Select(form.find_element(By.NAME, "district")).select_by_value("BG-21")
    click(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    check("Регистрацията ви е приета" in text(driver, "main"), "public registration is accepted")
    check("/r/" in driver.current_url and "Мястото ви е потвърдено." in text(driver, "main"),
          "the registered person lands on their own page, which says their place is confirmed")

    # Feedback through its link, then the results chart.
    driver.get(meeting_url + "/feedback")
    form = driver.find_element(By.CSS_SELECTOR, "form.record-form")
    form.find_element(By.NAME, "title").send_keys("Обратна връзка")
    form.find_element(By.NAME, "question-1-prompt").send_keys("Какво ще използвате?")
    form.find_element(By.NAME, "question-1-options").send_keys("Умната диаграма\nПартньорства")
    click(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    feedback_link = text(driver, ".agenda-session code")
    driver.get(feedback_link)
    driver.find_element(By.CSS_SELECTOR, "input[name=q-q1][value='0']").click()
    click(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check("Благодарим ви!" in text(driver, "main"), "an anonymous answer is recorded")
    driver.get(meeting_url + "/feedback")
    click(driver, driver.find_element(By.CSS_SELECTOR, "main a[href$='/results']"))
    check(driver.find_elements(By.CSS_SELECTOR, "svg.bar-chart"), "the results are drawn as a bar chart")

    driver.get(meeting_url + "/report")
    check("На 12 и 13 март 2026 г." in text(driver, ".report-text"), "the report is written from the meeting's data")
    shot(driver, "11-report")
    return meeting_url.replace(base, "")


def meeting_day_walk(driver, base, workdir):
    """The meetings' second round: a capacity and a waiting list, a withdrawal that promotes, check-in
    from a badge's QR code on a phone, the phone-first feedback page checked by axe-core,
    certificates that verify, and decisions and actions on the owner's start page."""
    driver.set_window_size(1366, 768)
    sign_in(driver, base, "pazardzhik@praktika.local")
    driver.get(base + "/meetings/new")
    form = driver.find_element(By.CSS_SELECTOR, "form.record-form")
    check(form.find_element(By.NAME, "starts_on").get_attribute("type") == "date"
          and form.find_element(By.NAME, "starts_at").get_attribute("type") == "time",
          "the new-meeting form has date and time pickers")
    form.find_element(By.NAME, "title").send_keys("Среща с места")
    set_value(driver, form.find_element(By.NAME, "starts_on"), "2027-04-20")
    set_value(driver, form.find_element(By.NAME, "starts_at"), "10:00")
    set_value(driver, form.find_element(By.NAME, "ends_at"), "16:00")
    form.find_element(By.NAME, "venue").send_keys("Читалище „Искра“")
    for code in ("BG-21", "BG-13"):
        box = form.find_element(By.ID, "field-districts-" + code)
        if not box.is_selected():
            box.click()
    check(driver.find_elements(By.XPATH, "//label[contains(., 'Никола Вранчев')]//input[starts-with(@name, 'organisers-')]"),
          "a coordinator can name a regional library of the other district as co-organiser")
    Select(form.find_element(By.NAME, "status")).select_by_value("registration")
    form.find_element(By.NAME, "capacity").send_keys("2")
    click(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    meeting_url = driver.current_url
    check("20 април 2027 г., от 10:00 ч." in text(driver, "main") or "20 април 2027 г." in text(driver, "main"),
          "the meeting opens with its date")
    driver.get(meeting_url + "/participants")
    register_link = text(driver, ".practice code")

    # Three register for two places; the third waits.
    personal = []
    for name in ("Първа Участничка", "Втори Участник", "Трета Чакаща"):
        driver.delete_all_cookies()
        driver.get(register_link)
        form = driver.find_element(By.CSS_SELECTOR, "form.record-form")
        form.find_element(By.NAME, "full_name").send_keys(name)
        form.find_element(By.NAME, "organisation").send_keys("Библиотека " + name)
        form.find_element(By.NAME, "email").send_keys(name.split()[0].lower() + "@example.bg")
        Select(form.find_element(By.NAME, "district")).select_by_value("BG-21")
        click(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        personal.append(driver.current_url.split("?")[0])
    check("под № 1" in text(driver, "main"), "the third is told they are first on the waiting list")
    driver.set_window_size(360, 740)
    driver.get(personal[1])
    check(no_horizontal_scroll(driver), "the personal page fits a 360 px phone")
    violations = axe_violations(driver, impacts=("minor", "moderate", "serious", "critical"))
    check(not violations, f"axe-core finds no violation on the personal page ({violations})")
    shot(driver, "20-personal-360")
    confirm_click(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/withdraw'] button"))
    check("Отказахте се" in text(driver, "main"), "a participant withdraws through their own page, after a question")
    driver.get(personal[2])
    check("Мястото ви е потвърдено." in text(driver, "main"), "the first waiting moved up at once")

    # On the day, on a phone: the badge's QR code opens the person's check-in.
    sign_in(driver, base, "pazardzhik@praktika.local")
    driver.set_window_size(1366, 768)
    driver.get(meeting_url + "/badges")
    badges = driver.find_elements(By.CSS_SELECTOR, ".badge")
    check(len(badges) == 2, "badges for the two with a place, none for the withdrawn")
    scanned = qr_link(driver, badges[0].find_element(By.CSS_SELECTOR, ".badge-qr svg"), workdir, "badge")
    check("/checkin/" in scanned, f"the badge's QR code reads as a check-in link ({scanned})")
    driver.set_window_size(360, 740)
    driver.get(scanned)
    click(driver, driver.find_element(By.CSS_SELECTOR, "button.tap"))
    check("Отбелязан(а) като присъстващ(а)." in text(driver, ".flash"), "one tap checks the person in")
    check(no_horizontal_scroll(driver), "the check-in list fits a 360 px phone")
    search = driver.find_element(By.ID, "checkin-q")
    search.send_keys("трета")
    visible = [row for row in driver.find_elements(By.CSS_SELECTOR, ".checkin-row") if row.is_displayed()]
    check(len(visible) == 1 and "Трета" in visible[0].text, "typing a name narrows the list at once")
    shot(driver, "21-checkin-360")
    driver.get(scanned)
    check("присъства от" in text(driver, "main"), "a second scan shows the first check-in instead of a new one")

    # The feedback page on a phone: no site menu, large targets, no axe-core violation.
    driver.set_window_size(1366, 768)
    driver.get(meeting_url + "/feedback")
    form = driver.find_element(By.CSS_SELECTOR, "form.record-form")
    form.find_element(By.NAME, "title").send_keys("Как мина срещата?")
    form.find_element(By.NAME, "question-1-prompt").send_keys("Доколко беше полезна?")
    Select(form.find_element(By.NAME, "question-1-kind")).select_by_value("rating")
    form.find_element(By.NAME, "question-1-required").click()
    form.find_element(By.NAME, "question-2-prompt").send_keys("Какво да променим?")
    Select(form.find_element(By.NAME, "question-2-kind")).select_by_value("text")
    rows_before = len(form.find_elements(By.CSS_SELECTOR, "fieldset.row"))
    form.find_element(By.CSS_SELECTOR, "[data-add-question]").click()
    rows = form.find_elements(By.CSS_SELECTOR, "fieldset.row")
    check(len(rows) == rows_before + 1, "'add a question' adds a row in place, without saving")
    rows[-1].find_element(By.CSS_SELECTOR, "input[name$='-prompt']").send_keys("Ще дойдете ли пак?")
    Select(rows[-1].find_element(By.CSS_SELECTOR, "select[name$='-kind']")).select_by_value("text")
    for _ in range(len(rows) - 1):
        form.find_elements(By.CSS_SELECTOR, "fieldset.row")[-1 - _].find_element(By.CSS_SELECTOR, ".row-move button").click()
    check(form.find_elements(By.CSS_SELECTOR, "fieldset.row")[0].find_element(By.CSS_SELECTOR, "input[name$='-prompt']")
          .get_attribute("value") == "Ще дойдете ли пак?", "the up arrow moves the new question to the top")
    click(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    feedback_link = text(driver, ".feedback-link code")
    check(qr_link(driver, driver.find_element(By.CSS_SELECTOR, ".feedback-qr svg"), workdir, "feedback") == feedback_link,
          "the feedback link has a QR code that reads as the link")
    check("Как мина срещата? " in driver.find_element(By.CSS_SELECTOR, ".agenda-session h2").get_attribute("textContent"),
          "the form's title and its state do not run together")
    driver.delete_all_cookies()
    driver.set_window_size(360, 740)
    driver.get(feedback_link)
    check(not driver.find_elements(By.CSS_SELECTOR, ".site-header, a[href='/sign-in']"),
          "the feedback page shows no site menu and no sign-in link")
    check(no_horizontal_scroll(driver), "the feedback page fits a 360 px phone without sideways scrolling")
    violations = axe_violations(driver, impacts=("minor", "moderate", "serious", "critical"))
    check(not violations, f"axe-core finds no violation of any impact on the feedback page ({violations})")
    check(driver.find_element(By.CSS_SELECTOR, ".feedback-question .question-label").text.startswith("Ще дойдете ли пак?"),
          "the questions come in the order the organiser set")
    target = driver.find_element(By.CSS_SELECTOR, ".rating .choice")
    check(target.size["height"] >= 44, "each rating is a large target with its number inside the label")
    shot(driver, "22-feedback-360")
    driver.find_elements(By.CSS_SELECTOR, "textarea")[-1].send_keys("Повече време за масите")
    click(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check("Моля, отговорете на този въпрос." in text(driver, "main")
          and driver.find_elements(By.CSS_SELECTOR, "textarea")[-1].get_attribute("value") == "Повече време за масите",
          "the required rating is asked for at its question, and the typed answer stays")
    driver.find_element(By.CSS_SELECTOR, ".rating .choice").click()
    click(driver, driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check("Благодарим ви!" in text(driver, "main"), "the answer is recorded")

    # After: the person present downloads a certificate that verifies; decisions and actions.
    driver.set_window_size(1366, 768)
    driver.get(personal[0])
    present = "Удостоверение за участие" in text(driver, "main")
    page = personal[0] if present else personal[2]
    driver.get(page)
    click(driver, driver.find_element(By.LINK_TEXT, "Удостоверение за участие"))
    serial = driver.find_element(By.CSS_SELECTOR, ".certificate-foot strong").text
    check(serial and "Удостоверява се, че" in text(driver, ".certificate"), f"a certificate with serial {serial}")
    shot(driver, "23-certificate")
    driver.get(base + "/certificates?serial=" + serial.lower())
    check("Удостоверението е валидно." in text(driver, "main"), "the public page verifies the serial as typed")

    sign_in(driver, base, "pazardzhik@praktika.local")
    driver.get(meeting_url + "/actions")
    form = driver.find_element(By.CSS_SELECTOR, "form.record-form")
    Select(form.find_element(By.NAME, "kind")).select_by_value("action")
    form.find_element(By.NAME, "text").send_keys("Да се изпратят материалите до библиотеките")
    Select(form.find_element(By.NAME, "owner")).select_by_visible_text("Координатор Пазарджик")
    set_value(driver, form.find_element(By.NAME, "due_on"), "2027-05-01")
    click(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    check("Да се изпратят материалите" in text(driver, ".actions-list"), "the action is recorded")
    driver.get(base + "/")
    check("Да се изпратят материалите" in text(driver, ".my-actions"), "the owner sees the action on their start page")
    driver.get(meeting_url + "/report")
    check("Отворени задачи" in text(driver, ".report-text"), "the report lists the open actions")


def catalogue_walk(driver, base):
    """The catalogue issue's "done when" as a visitor and a coordinator see it: search in Bulgarian
    and in Latin letters, a facet, the pointer to designs when no practice matches, and adopting."""
    def search(words):
        box = driver.find_element(By.ID, "filter-q")
        box.clear()
        box.send_keys(words)
        navigate(driver, lambda: box.send_keys(Keys.ENTER))

    def first_title():
        return text(driver, ".results tbody tr th a")

    driver.get(base + "/practices")
    search("деца")
    check(first_title() == "Добра практика за обучение на деца", "the catalogue ranks the practice about children first for деца")
    check(driver.find_elements(By.CSS_SELECTOR, ".results p.snippet mark"), "the matched word is marked in a snippet")
    left = driver.execute_script(
        "return document.querySelector('.facets').getBoundingClientRect().right"
        " <= document.querySelector('.results').getBoundingClientRect().left")
    check(left, "on a wide screen the facets stand left of the results")
    facet = driver.find_element(By.CSS_SELECTOR, ".facets .facet li a")
    counted = facet.text.rsplit("(", 1)[1].rstrip(")")
    click(driver, facet)
    check("district=" in driver.current_url or "status=" in driver.current_url or "kind=" in driver.current_url,
          "a facet value is a link that adds its filter to the address")
    check(driver.find_elements(By.CSS_SELECTOR, ".facets li.chosen a"), "the chosen facet value shows as chosen, with a way back")
    check(text(driver, "p.count") == "Записи: " + counted, "the results are as many as the facet value said")
    shot(driver, "12-catalogue-facet")

    driver.get(base + "/practices")
    search("pensioneri online")
    check(text(driver, "p.count") == "Записи: 0", "no published practice is about pensioners online")
    hint = driver.find_element(By.CSS_SELECTOR, ".results p.hint")
    check("съвпадения: 1" in hint.text, "the catalogue says how many unpublished designs match")
    wide = driver.execute_script(
        "return document.querySelector('.results').offsetWidth > document.querySelector('.with-facets').offsetWidth / 2")
    check(wide, "without facets the results take the whole width")
    shot(driver, "13-catalogue-elsewhere")
    click(driver, hint.find_element(By.TAG_NAME, "a"))
    check(first_title() == "Пенсионери ONLINE", "pensioneri online, typed in Latin letters, finds „Пенсионери ONLINE“")

    # A coordinator from Pazardzhik adopts a practice of a Smolyan library.
    sign_in(driver, base, "pazardzhik@praktika.local")
    driver.get(base + "/practices")
    search("поколения")
    click(driver, driver.find_element(By.CSS_SELECTOR, ".results tbody tr th a"))
    original_url, original_title = driver.current_url, text(driver, "h1")
    check(text(driver, ".breadcrumbs a") == "Добри практики", "a practice's breadcrumb leads back to the catalogue")
    click(driver, driver.find_element(By.LINK_TEXT, "Адаптирай за моята библиотека"))
    Select(driver.find_element(By.NAME, "library_id")).select_by_visible_text("Регионална библиотека „Никола Фурнаджиев“")
    click(driver, driver.find_element(By.CSS_SELECTOR, "form.record-form button[type=submit]"))
    origin = driver.find_element(By.CSS_SELECTOR, ".adopted-from a")
    check(origin.text == original_title, "the copy names the practice it was adopted from")
    click(driver, origin)
    check(driver.current_url == original_url, "and links back to it")
    check("Адаптирана от 1 библиотека" in driver.page_source and "Пазарджик (1)" in driver.page_source,
          "the practice shows one adoption, in Pazardzhik")
    shot(driver, "14-practice-adopted")
    click(driver, driver.find_element(By.CSS_SELECTOR, ".site-header form[action='/sign-out'] button"))


def outcomes_walk(driver, base, workdir):
    """The outcomes issue's path: the librarian's running service with its two surveys, the QR
    code read back by a real decoder, people answering on a phone, a paper form typed in, the
    coordinator's approval of an indicator result, the practice's evidence and the dashboards."""
    sign_in(driver, base, "smolyan@praktika.local")
    driver.get(base + "/practices?q=" + urllib.parse.quote("поколения"))
    click(driver, driver.find_element(By.CSS_SELECTOR, ".results tbody tr th a"))
    practice_url = driver.current_url
    click(driver, driver.find_element(By.LINK_TEXT, "Резултати от услугата"))
    outcomes_url = driver.current_url
    check("примерни данни" in text(driver, "main"), "the demo's answers are marked as example data")
    surveys = driver.find_elements(By.CSS_SELECTOR, ".outcome-survey")
    check(len(surveys) == 2, "a running service has the immediate and the follow-up survey")
    link = surveys[0].find_element(By.TAG_NAME, "code").text
    answered_before = int(surveys[0].find_element(By.XPATH, "./p[1]").text.split()[0])
    shot(driver, "15-outcomes")

    # The poster's QR code, photographed from the screen and read by zbar, is the survey's link.
    click(driver, surveys[0].find_element(By.LINK_TEXT, "Плакат с QR код"))
    qr = os.path.join(workdir, "qr.png")
    driver.find_element(By.CSS_SELECTOR, ".poster-qr svg").screenshot(qr)
    decoded = subprocess.run(["zbarimg", "--raw", "-q", qr], capture_output=True, text=True).stdout.strip()
    check(decoded == link, f"the poster's QR code reads as the survey's link ({decoded})")
    shot(driver, "16-poster")

    # Three people answer on their phones, in a window 360 px wide; one leaves an address.
    survey_path = urllib.parse.urlparse(link).path
    driver.set_window_size(360, 800)
    for n in range(3):
        driver.delete_all_cookies()
        driver.get(base + survey_path)
        if n == 0:
            check(not driver.find_elements(By.CSS_SELECTOR, ".main-nav"), "the answer page has no site menu")
            check(no_horizontal_scroll(driver), "the answer page fits a phone without sideways scrolling")
            shot(driver, "17-survey-phone")
        for item in ("learned", "confident", "intend"):
            click_label = driver.find_element(By.ID, f"item-{item}-{5 - n}")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", click_label)
            click_label.click()
        if n == 0:
            driver.find_element(By.ID, "field-follow_up_email").send_keys("chitatel@example.bg")
            consent = driver.find_element(By.ID, "field-follow_up_consent")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", consent)
            consent.click()
        click(driver, driver.find_element(By.CSS_SELECTOR, "form.survey-form button[type=submit]"))
        check("Благодарим ви!" in text(driver, "main"), f"phone {n + 1}: the answer is recorded")
    driver.set_window_size(1366, 768)

    # A paper form typed in from the keyboard: digits move from statement to statement, Enter saves.
    sign_in(driver, base, "smolyan@praktika.local")
    driver.get(outcomes_url + "/immediate/entry")
    first = driver.find_element(By.CSS_SELECTOR, "input.digit")
    first.send_keys("5")
    for digit in "443":
        driver.switch_to.active_element.send_keys(digit)
    check(driver.switch_to.active_element.get_attribute("name") == "open-liked", "each digit moves on to the next statement")
    navigate(driver, lambda: driver.switch_to.active_element.send_keys(Keys.ENTER))
    check("№ 1" in text(driver, ".flash"), "Enter saves the paper form and opens an empty one")
    shot(driver, "18-entry")
    driver.get(outcomes_url)
    answered = int(driver.find_elements(By.CSS_SELECTOR, ".outcome-survey")[0].find_element(By.XPATH, "./p[1]").text.split()[0])
    check(answered == answered_before + 4, "three phone answers and one paper form are counted")
    check(driver.find_elements(By.CSS_SELECTOR, "svg.outcome-chart"), "the results are drawn beside the district's and the network's")
    check(driver.find_elements(By.CSS_SELECTOR, "svg.indicator-chart"), "the indicator's periods are drawn")
    click(driver, driver.find_element(By.CSS_SELECTOR, ".site-header form[action='/sign-out'] button"))

    # The administrator (the district has no coordinator account in the demo) approves the waiting result.
    sign_in(driver, base, "admin@praktika.local")
    driver.get(base + "/outcomes/reviews?district=BG-21")
    check("Подаден" in text(driver, "main"), "the review list shows the submitted result")
    click(driver, driver.find_element(By.CSS_SELECTOR, "main table a"))
    click(driver, driver.find_element(By.CSS_SELECTOR, "form.review button[value=approve]"))
    check("Резултатът е одобрен." in text(driver, ".flash"), "the coordinator approves a period's result")
    check(not driver.find_elements(By.CSS_SELECTOR, "form.review"), "nothing is left to review")
    driver.get(practice_url)
    check("Доказани резултати" in text(driver, "main") and driver.find_elements(By.CSS_SELECTOR, ".practice .outcome-table"),
          "the practice page shows its evidence")
    driver.get(base + "/outcomes")
    check("Резултати · Цялата мрежа" in text(driver, "h1"), "„Резултати“ opens the network's dashboard")
    check(driver.find_elements(By.CSS_SELECTOR, "svg.outcome-chart"), "the dashboard draws its charts on the server")
    shot(driver, "19-dashboard")
    click(driver, driver.find_element(By.CSS_SELECTOR, ".language-switch button"))
    check("Outcomes · The whole network" in text(driver, "h1"), "the dashboard in English")
    click(driver, driver.find_element(By.CSS_SELECTOR, ".language-switch button"))
    driver.get(base + "/mail")
    check("Пощата е изключена" in text(driver, "main"), "without SMTP the mail page says that mail is off")
    click(driver, driver.find_element(By.CSS_SELECTOR, ".site-header form[action='/sign-out'] button"))


def partnership_walk(driver, base, workdir):
    """The partnerships issue's path, in both languages: a librarian records a partnership with a
    municipality, uploads its memorandum, logs money and a gift in kind to a design and finds them
    in its budget, and sees the renewal coming on the list; a coordinator records a contribution in
    the district and finds it in the network's figures by year, then meets the municipality among
    the suggestions for a similar service's partners."""
    today = datetime.date.today()
    sign_in(driver, base, "smolyan@praktika.local")
    driver.get(base + "/partnerships")
    click(driver, driver.find_element(By.LINK_TEXT, "Ново партньорство"))
    # With a large registry (the walks before add partners) another district's partner is found by a search.
    search = driver.find_elements(By.ID, "field-partner_search")
    if search:
        search[0].send_keys("Ракитово")
        click(driver, driver.find_element(By.CSS_SELECTOR, "button[name=find_partner]"))
        check(not driver.find_elements(By.CSS_SELECTOR, ".flash"), "searching the registry saves nothing")
    Select(driver.find_element(By.ID, "field-partner")).select_by_visible_text("Община Ракитово")
    Select(driver.find_element(By.ID, "field-design-0-id")).select_by_visible_text("Хора с двигателни увреждания")
    driver.find_element(By.ID, "field-role-funding").click()
    driver.find_element(By.ID, "field-partner_contact").send_keys("Кметът на общината")
    click(driver, driver.find_element(By.CSS_SELECTOR, "form.record-form .actions button[type=submit]"))
    partnership_url = driver.current_url.split("#")[0]
    check("Партньорството е запазено." in text(driver, ".flash"), "the partnership is recorded")

    # The memorandum, with its signed copy; a renewal after its end is refused at its field first.
    def agreement_form():
        summary = driver.find_element(By.CSS_SELECTOR, "#agreements summary")
        if not driver.find_element(By.CSS_SELECTOR, "#agreements details").get_attribute("open"):
            summary.click()
        return driver.find_element(By.CSS_SELECTOR, "#agreements form.record-form")
    memo = os.path.join(workdir, "memorandum.pdf")
    with open(memo, "wb") as out:
        out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
    form = agreement_form()
    form.find_element(By.NAME, "title").send_keys("Меморандум за сътрудничество № 7")
    set_value(driver, form.find_element(By.NAME, "signed_on"), (today - datetime.timedelta(days=700)).isoformat())
    set_value(driver, form.find_element(By.NAME, "valid_until"), (today + datetime.timedelta(days=40)).isoformat())
    set_value(driver, form.find_element(By.NAME, "renew_on"), (today + datetime.timedelta(days=50)).isoformat())
    form.find_element(By.NAME, "file").send_keys(memo)
    click(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    check(driver.find_elements(By.ID, "field-renew_on-error"), "a renewal after the agreement's end is refused at its field")
    form = agreement_form()
    check(form.find_element(By.NAME, "title").get_attribute("value") == "Меморандум за сътрудничество № 7", "the title typed stays")
    set_value(driver, form.find_element(By.NAME, "renew_on"), (today + datetime.timedelta(days=20)).isoformat())
    form.find_element(By.NAME, "file").send_keys(memo)
    click(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    agreements = text(driver, "#agreements")
    check("Меморандум за сътрудничество № 7" in agreements and "memorandum.pdf" in agreements, "the memorandum is listed with its file")
    shot(driver, "30-partnership-bg")

    # In English: money and a gift in kind to the design.
    click(driver, driver.find_element(By.CSS_SELECTOR, "button.language"))
    def contribution(values):
        driver.find_element(By.CSS_SELECTOR, "#contributions summary").click()
        form = driver.find_element(By.CSS_SELECTOR, "#contributions form.record-form")
        set_value(driver, form.find_element(By.NAME, "received_on"), today.isoformat())
        for name, value in values.items():
            form.find_element(By.NAME, name).send_keys(value)
        Select(form.find_element(By.NAME, "design")).select_by_visible_text("Хора с двигателни увреждания")
        click(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        check("The contribution is recorded." in text(driver, ".flash"), "the contribution is recorded, said in English")
    contribution({"amount": "1000"})
    contribution({"in_kind": "Hall for ten sessions", "estimated_value": "300"})
    rows = driver.find_elements(By.CSS_SELECTOR, "#contributions tbody tr")
    check(len(rows) == 2, "both contributions are listed")
    # A mistyped amount is mended on the contribution's own page, shown as it was entered.
    money_row = [r for r in rows if "1,000.00" in r.text][0]
    click(driver, money_row.find_element(By.CSS_SELECTOR, "td.row-actions a"))
    amount = driver.find_element(By.NAME, "amount")
    check(amount.get_attribute("value") == "1000.00", "the edit form shows the amount as it can be typed again")
    found = axe_violations(driver, impacts=("critical", "serious", "moderate"))
    check(not found, f"the contribution's edit page: axe-core finds nothing critical, serious or moderate {found}")
    amount.clear()
    amount.send_keys("1500")
    click(driver, driver.find_element(By.CSS_SELECTOR, "form.record-form button[type=submit]"))
    check("The contribution is changed." in text(driver, ".flash") and "1,500.00" in text(driver, "#contributions"),
          "the changed amount is saved and listed")
    click(driver, driver.find_element(By.LINK_TEXT, "Хора с двигателни увреждания"))
    funding = text(driver, ".partner-funding")
    check("Partners’ contributions" in funding and "Община Ракитово" in funding and "Left for the library" in funding,
          "the design's budget shows the partner's money and gift and what is left for the library")
    driver.get(base + "/partnerships")
    due = text(driver, "section.due")
    check("renewal: Меморандум за сътрудничество № 7" in due, "the renewal is on the library's list before it is due")
    shot(driver, "31-partnerships-due-en")
    click(driver, driver.find_element(By.CSS_SELECTOR, "button.language"))

    # The coordinator records a gift in the district and reads the network's figures by year.
    sign_in(driver, base, "pazardzhik@praktika.local")
    driver.get(base + "/partnerships")
    click(driver, driver.find_element(By.LINK_TEXT, "Регионален исторически музей – Пазарджик"))
    driver.find_element(By.CSS_SELECTOR, "#contributions summary").click()
    form = driver.find_element(By.CSS_SELECTOR, "#contributions form.record-form")
    set_value(driver, form.find_element(By.NAME, "received_on"), today.isoformat())
    form.find_element(By.NAME, "amount").send_keys("1 200,50")
    click(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    check("Приносът е записан." in text(driver, ".flash"), "the coordinator records a contribution")
    driver.get(base + "/partnerships")
    click(driver, driver.find_element(By.LINK_TEXT, "Обзор на мрежата"))
    per_year = text(driver, "#per-year")
    check(str(today.year) in per_year and "1 200,50 лв." in per_year, "the network shows the district's contributions by year")
    check(driver.find_elements(By.CSS_SELECTOR, "#by-kind svg"), "the partners by kind are drawn")
    check("Община Ракитово" not in text(driver, "main"), "another district's partnership stays out of the coordinator's figures")
    shot(driver, "32-network-bg")

    # Filling a similar service's partners: the municipality that worked on one elsewhere is offered.
    driver.get(base + "/services?q=" + urllib.parse.quote("специфични нужди"))
    click(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "специфични нужди"))
    click(driver, driver.find_element(By.CSS_SELECTOR, "a[href$='/edit/partners']"))
    suggestions = text(driver, ".partner-suggestions")
    check("Община Ракитово" in suggestions and "Хора с двигателни увреждания" in suggestions,
          "the suggestions offer the partner that worked on a similar service elsewhere")
    shot(driver, "33-suggestions-bg")
    offer = [li for li in driver.find_elements(By.CSS_SELECTOR, ".partner-suggestions li") if "Община Ракитово" in li.text][0]
    click(driver, offer.find_element(By.CSS_SELECTOR, "button[name=suggest_partner]"))
    chosen = [o.text for o in driver.find_elements(By.CSS_SELECTOR, "select[name$='-id'] option[selected]")]
    check("Община Ракитово" in chosen, "one click puts the suggested partner in a row of the table")
    click(driver, driver.find_element(By.CSS_SELECTOR, ".site-header form[action='/sign-out'] button"))


def phone_walk(driver, base):
    """Every main page at a true 360 px viewport (DevTools device metrics: a desktop window cannot
    be made narrower than about 500 px), for a visitor and for each role: nothing scrolls sideways,
    lists are cards (no table scrolls within its frame either), and axe-core 4.12 finds no
    critical, serious or moderate violation."""
    pages = ["/", "/practices", "/services", "/search?q=" + "пенсионери", "/services/9", "/services/9/history",
             "/meetings", "/meetings/1", "/meetings/1/report", "/meetings/1/tables", "/libraries", "/partners",
             "/outcomes", "/account", "/meetings/1/agenda", "/meetings/1/feedback", "/services/9/leaflet/edit", "/password/forgot", "/partnerships", "/partnerships/new", "/partnerships/1", "/partnerships/network"]
    # Sheets of paper: as wide as A4 on purpose, so held to axe-core only.
    paper = ["/services/9/print", "/services/9/leaflet"]
    inner = ("return Array.from(document.querySelectorAll('body *')).filter(function (e) {"
             " var s = getComputedStyle(e).overflowX; return (s == 'auto' || s == 'scroll') && e.scrollWidth > e.clientWidth + 1;"
             " }).length")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": True})
    try:
        for who in [None, "smolyan@praktika.local", "pazardzhik@praktika.local", "admin@praktika.local", "partner@praktika.local"]:
            if who:
                sign_in(driver, base, who)
            else:
                driver.delete_all_cookies()
            for page in pages + paper:
                if page == "/account" and not who:
                    continue
                driver.get(base + page)
                if driver.execute_script("return document.title").startswith(("404", "403")) or "/sign-in" in driver.current_url:
                    continue
                if page not in paper:
                    fits = driver.execute_script("return document.documentElement.scrollWidth <= document.documentElement.clientWidth")
                    check(fits and driver.execute_script(inner) == 0,
                          f"{page} fits 360 px with no sideways scrolling ({who or 'visitor'})")
                found = axe_violations(driver, impacts=("critical", "serious", "moderate"))
                check(not found, f"{page}: axe-core finds nothing critical, serious or moderate ({who or 'visitor'}) {found}")
            shot(driver, f"30-phone-home-{(who or 'visitor').split('@')[0]}")
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def main():
    if not os.path.exists(BINARY):
        raise SystemExit(f"no binary at {BINARY}; run swift build first")
    with tempfile.TemporaryDirectory() as workdir:
        proc, base = start_server(workdir)
        driver = browser()
        try:
            walk(driver, base, workdir)
            catalogue_walk(driver, base)
            outcomes_walk(driver, base, workdir)
            meeting_day_walk(driver, base, workdir)
            partnership_walk(driver, base, workdir)
            phone_walk(driver, base)
        except Exception:
            print(open(os.path.join(workdir, "serve.log")).read()[-3000:], file=sys.stderr)
            print("at", driver.current_url, "the page read:", file=sys.stderr)
            print(driver.find_element(By.TAG_NAME, "body").text[:2000], file=sys.stderr)
            raise
        finally:
            driver.quit()
            proc.terminate()
            proc.wait(timeout=10)
    print(f"browser test: {checks} checks passed")


if __name__ == "__main__":
    main()
