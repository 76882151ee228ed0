#!/usr/bin/env python3
"""Page weight and load time of the main pages on a slow link, measured in headless Chromium.

Starts the built `praktika` binary with the demo data, signs in as the organiser where a page
needs it, and for each main page on a first visit (empty cache) reads what the browser itself
counted: the bytes over the wire of the page and everything it loaded (transferSize, so after
compression), and the time until the page was loaded, under DevTools network emulation of a
400 kbit/s link with 400 ms round trips. Fails (exit 1) if a page weighs more than 60 KB or takes
2 s or more.

Usage: .ci/page_weight.py [path/to/praktika]
"""
import os
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_test as bt  # noqa: E402  (the server and browser helpers)
from selenium.webdriver.common.by import By  # noqa: E402

LIMIT_BYTES = 60 * 1024
LIMIT_SECONDS = 2.0
LINK = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}


def measure(driver, url):
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", LINK)
    driver.get(url)
    timing = driver.execute_script(
        "var n = performance.getEntriesByType('navigation')[0];"
        "var r = performance.getEntriesByType('resource');"
        "return [n.transferSize + r.reduce(function (s, e) { return s + e.transferSize; }, 0),"
        " n.loadEventEnd - n.startTime, r.length];")
    driver.execute_cdp_cmd("Network.emulateNetworkConditions",
                           {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    return timing


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/praktika")
    bt.BINARY = binary
    with tempfile.TemporaryDirectory() as workdir:
        proc, base = bt.start_server(workdir)
        driver = bt.browser()
        failures = []
        try:
            driver.execute_cdp_cmd("Network.enable", {})
            bt.sign_in(driver, base, "pazardzhik@praktika.local")
            driver.get(base + "/meetings")
            meeting = driver.find_element(By.CSS_SELECTOR, "main table a[href^='/meetings/']").get_attribute("href")
            driver.get(base + "/services")
            design = driver.find_element(By.CSS_SELECTOR, "main table a[href^='/services/']").get_attribute("href")
            pages = [
                ("home", base + "/"),
                ("catalogue", base + "/practices"),
                ("search", base + "/practices?q=" + urllib.parse.quote("възрастни хора")),
                ("design", design),
                ("meetings", base + "/meetings"),
                ("meeting", meeting),
                ("report", meeting + "/report"),
                ("tables", meeting + "/tables"),
            ]
            print(f"{'page':<10} {'bytes':>8} {'ms':>6} {'files':>5}")
            for name, url in pages:
                size, ms, files = measure(driver, url)
                print(f"{name:<10} {size:>8} {ms:>6.0f} {files:>5}")
                if size > LIMIT_BYTES:
                    failures.append(f"{name} weighs {size} bytes")
                if ms >= LIMIT_SECONDS * 1000:
                    failures.append(f"{name} takes {ms:.0f} ms")
        finally:
            driver.quit()
            proc.terminate()
            proc.wait(timeout=10)
    if failures:
        print("over the limits: " + "; ".join(failures))
        sys.exit(1)
    print("every page within 60 KB and 2 s on 400 kbit/s with 400 ms round trips")


if __name__ == "__main__":
    main()
