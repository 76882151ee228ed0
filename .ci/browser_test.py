#!/usr/bin/env python3
"""A person's walk through Praktika in a real headless Chromium.

Starts the built `praktika` binary with the demo data on a fresh SQLite file, then:
signs in, switches the language, edits a library with an error and then without, and
checks what a person would see (messages at the field, the saved value, the audit log),
at 1366x768 and at 320 px wide. Exits non-zero on the first failed check.

Usage: .ci/browser_test.py [path/to/praktika]   (default .build/debug/praktika)
Screenshots go to $SCREENSHOTS when it is set.
"""
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
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
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, 20).until(EC.staleness_of(old))
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")


def text(driver, css):
    return driver.find_element(By.CSS_SELECTOR, css).text


def no_horizontal_scroll(driver):
    return driver.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def walk(driver, base):
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
    click(driver, driver.find_element(By.CSS_SELECTOR, "a.language"))
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
    click(driver, driver.find_element(By.CSS_SELECTOR, "a.language"))
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
    click(driver, driver.find_element(By.CSS_SELECTOR, "form.chart-form button[type=submit]:not(.add-row)"))
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
    click(driver, driver.find_element(By.CSS_SELECTOR, "form.chart-form button[type=submit]:not(.add-row)"))
    check(driver.current_url.startswith(design_url), "saving the budget returns to the chart")
    check("244,39 € (≈ 477,99 лв.)" in text(driver, "#block-budget"), "the chart totals euro and leva lines exactly")
    shot(driver, "09-chart-bg")
    driver.get(design_url + "/print")
    check(driver.find_elements(By.CSS_SELECTOR, ".diagram svg"), "the print view carries the diagram")

    # A narrow phone screen: nothing wider than the screen.
    driver.set_window_size(320, 700)
    design_path = design_url.replace(base, "")
    for path in ("/", "/libraries", record_url.replace(base, ""), "/libraries/new", "/audit", "/services", design_path,
                 design_path + "/edit/budget", design_path + "/leaflet"):
        driver.get(base + path)
        check(no_horizontal_scroll(driver), f"{path} fits 320 px without sideways scrolling")
    shot(driver, "06-audit-320")
    driver.get(design_url)
    shot(driver, "07-chart-320")

    # Sign out.
    driver.set_window_size(1366, 768)
    click(driver, driver.find_element(By.CSS_SELECTOR, ".site-header form button"))
    check(driver.find_elements(By.LINK_TEXT, "Вход"), "signed out: the sign-in link is back")


def main():
    if not os.path.exists(BINARY):
        raise SystemExit(f"no binary at {BINARY}; run swift build first")
    with tempfile.TemporaryDirectory() as workdir:
        proc, base = start_server(workdir)
        driver = browser()
        try:
            walk(driver, base)
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
