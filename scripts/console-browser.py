#!/usr/bin/env python3
"""The console's browser test (issue 11): headless Chromium through Selenium against the
real dispatchd-console and the real dispatchd over a throw-away copy of the example county.

  log in; the board shows the county; an incident dropped from outside shows its orders on
  the open board within 2 s without a reload; an ack entered for the team on the incident
  page stops its countdown; a viewer sees no action button; a screenshot of the board is
  saved as .build/console-board.png (a CI artifact, never committed).

Usage: scripts/console-browser.py BIN_DIR   (BIN_DIR holds dispatchd and dispatchd-console)
"""
import json, os, random, shutil, socket, subprocess, sys, tempfile, time
from datetime import datetime, timezone, timedelta

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, ".build/debug"))
PASSWORD = "browser-test-pass"
CST = timezone(timedelta(hours=8))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(what, condition, timeout=10.0, every=0.05):
    end = time.time() + timeout
    while time.time() < end:
        try:
            value = condition()
            if value:
                return value
        except Exception:
            pass
        time.sleep(every)
    raise AssertionError("timed out waiting for " + what)


def main():
    root = tempfile.mkdtemp(prefix="dispatchd-browser-")
    procs = []
    try:
        conf = os.path.join(root, "config")
        os.makedirs(conf)
        for name in ["areas.yaml", "teams.yaml", "duty.yaml", "rules.yaml"]:
            shutil.copy(os.path.join(REPO, "config", name), conf)
        with open(os.path.join(conf, "rules.yaml"), "a") as f:
            f.write("""
- id: browser-test
  when: {kind: e2e}
  response: II
  mobilize:
    - {capability: notification, count: 2, within: town}
  ack_within: 10m
  escalate:
    - {after: 10m, to: town}
  on_unacknowledged: report
""")
        port = free_port()
        spool, state = os.path.join(root, "spool"), os.path.join(root, "state")
        main_config = os.path.join(conf, "dispatchd.yaml")
        lines = []
        for line in open(os.path.join(REPO, "config", "dispatchd.yaml"), encoding="utf-8").read().split("\n"):
            if line.startswith("spool:"):
                line = "spool: " + spool
            elif line.startswith("state:"):
                line = "state: " + state
            elif line.startswith("kinds:"):
                line = "kinds: [landslide, drill, e2e]"
            lines.append(line)
        with open(main_config, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + f"\nconsole:\n  listen: 127.0.0.1:{port}\n  users: users.yaml\n")
        with open(os.path.join(conf, "users.yaml"), "w") as f:
            f.write("- login: ops\n  name: 值班员小李\n  role: operator\n"
                    "- login: wall\n  name: 大屏\n  role: viewer\n  password_hash: \"\"\n")
        for login in ["ops", "wall"]:   # the real passwd command, password on stdin
            subprocess.run([os.path.join(BIN, "dispatchd-console"), "passwd", login, "--config", main_config],
                           input=PASSWORD + "\n", text=True, check=True, capture_output=True)

        log = open(os.path.join(root, "daemon.log"), "w")
        daemon = subprocess.Popen([os.path.join(BIN, "dispatchd"), "run", "--config", main_config,
                                   "--log", "stderr", "--allow-root"], stdout=log, stderr=log)
        procs.append(daemon)
        wait("dispatchd ready", lambda: "dispatchd ready" in open(os.path.join(root, "daemon.log")).read(), 30)
        os.makedirs(os.path.join(spool, "commands", ".tmp"), exist_ok=True)
        clog = open(os.path.join(root, "console.log"), "w")
        console = subprocess.Popen([os.path.join(BIN, "dispatchd-console"), "--config", main_config], stdout=clog, stderr=clog)
        procs.append(console)
        base = f"http://127.0.0.1:{port}"
        wait("console listening", lambda: socket.create_connection(("127.0.0.1", port), timeout=0.2), 30)

        def drop(ident, kind, level, area, title):
            text = json.dumps({"id": ident, "kind": kind, "level": level, "area": area, "title": title,
                               "sent": datetime.now(CST).isoformat(timespec="seconds")}, ensure_ascii=False)
            tmp = os.path.join(spool, "incoming", ".tmp", ident + ".json")
            with open(tmp, "w") as f:
                f.write(text)
            os.rename(tmp, os.path.join(spool, "incoming", ident + ".json"))

        # Something on the board before the browser opens it.
        drop("BT-TYPHOON-1", "typhoon", "orange", "gaoming/yanghe", "台风“摩羯”橙色预警")
        drop("BT-STORM-1", "storm", "orange", "gaoming/hecheng", "荷城街道暴雨橙色预警")
        drop("BT-XSS-1", "landslide", "yellow", "gaoming/mingcheng", "<script>alert(1)</script> 明城镇山体滑坡")

        options = Options()
        for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1920,1080", "--lang=zh-CN",
                    "--disable-dev-shm-usage"]:
            options.add_argument(arg)
        options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
        try:
            def login(name):
                driver.delete_all_cookies()
                driver.get(base + "/login")
                driver.find_element(By.ID, "login").send_keys(name)
                driver.find_element(By.ID, "password").send_keys(PASSWORD)
                driver.find_element(By.CSS_SELECTOR, "form.login button").click()
                wait("the board after login", lambda: driver.find_elements(By.CSS_SELECTOR, ".board"))

            login("ops")
            assert "高明区" in driver.title, driver.title
            wait("the county's incidents", lambda: "台风“摩羯”橙色预警" in driver.find_element(By.ID, "live").text)
            assert "<script>" in driver.find_element(By.ID, "live").text, "the title is shown as text, escaped"
            assert not driver.execute_script("return window.__xss === true")
            wait("the live connection", lambda: driver.find_element(By.ID, "connection").get_attribute("class") == "connection live")
            print("ok: logged in, the board shows the county")

            driver.execute_script("window.__noReload = 'still-here';")
            before = len(driver.find_elements(By.CSS_SELECTOR, "tr.order"))
            dropped = time.time()
            drop("BT-LIVE-1", "e2e", "red", "gaoming/yanghe/shishui", "石水村内涝红色预警")
            wait("the new incident's orders on the open board", lambda: "石水村内涝红色预警" in driver.find_element(By.ID, "live").text
                 and len(driver.find_elements(By.CSS_SELECTOR, "tr.order")) > before, timeout=2.0, every=0.02)
            latency = time.time() - dropped
            assert driver.execute_script("return window.__noReload") == "still-here", "the page was reloaded"
            print(f"ok: orders on the board {latency * 1000:.0f} ms after the drop, without a reload")

            driver.get(base + "/incidents/BT-LIVE-1")
            # The page is live: look elements up afresh each time (an update may replace them).
            def row_of(order):
                return driver.find_element(By.CSS_SELECTOR, f"tr.order[data-order='{order}']")
            order_id = wait("an order row", lambda: driver.find_elements(By.CSS_SELECTOR, "tr.order[data-state='issued']"))[0] \
                .get_attribute("data-order")
            first = wait("a ticking countdown", lambda: row_of(order_id).find_element(By.CSS_SELECTOR, ".countdown[data-deadline]").text)
            wait("the countdown to tick in the browser",
                 lambda: row_of(order_id).find_element(By.CSS_SELECTOR, ".countdown").text != first, timeout=3)
            # A form being filled is never reset by an update: type, let a change arrive, check.
            row_of(order_id).find_element(By.CSS_SELECTOR, "input[name='by']").send_keys("张队")
            version = driver.find_element(By.ID, "live").get_attribute("data-version")
            drop("BT-LIVE-2", "storm", "blue", "gaoming/genghe", "更合镇暴雨蓝色预警")
            wait("an update on the open incident page",
                 lambda: driver.find_element(By.ID, "live").get_attribute("data-version") != version, timeout=3)
            typed = row_of(order_id).find_element(By.CSS_SELECTOR, "input[name='by']")
            assert typed.get_attribute("value") == "张队", "the update reset what was typed: " + repr(typed.get_attribute("value"))
            assert driver.execute_script("return document.activeElement && document.activeElement.name") == "by", "focus lost"
            typed.send_keys("长")
            print("ok: an update arrived while typing; the text and the focus were kept")
            driver.save_screenshot(os.path.join(REPO, ".build", "console-incident.png"))
            row_of(order_id).find_element(By.CSS_SELECTOR, "button[data-action='ack']").click()
            verdict = wait("the daemon's verdict", lambda: driver.find_element(By.CSS_SELECTOR, "[data-verdict]"))
            assert verdict.get_attribute("data-verdict") == "applied", verdict.text
            driver.find_element(By.ID, "back").click()
            wait("the accepted order", lambda: row_of(order_id).get_attribute("data-state") == "accepted")
            text = row_of(order_id).find_element(By.CSS_SELECTOR, ".countdown").text
            time.sleep(1.5)
            stopped = row_of(order_id).find_element(By.CSS_SELECTOR, ".countdown")
            assert stopped.text == text and not stopped.get_attribute("data-deadline"), "the countdown stopped"
            print(f"ok: ack for the team from the incident page: {order_id} accepted, countdown stopped")
            # The §16 figures from the library's timeline: the first accept is counted now.
            figure = driver.find_element(By.CSS_SELECTOR, "li[data-figure='first-accept']").text
            assert "尚未达到" not in figure, "the first accept is not in the figures: " + figure
            assert driver.find_elements(By.CSS_SELECTOR, ".timeline tr[data-event='ack']"), "no ack in the timeline"
            driver.save_screenshot(os.path.join(REPO, ".build", "console-incident-accepted.png"))
            print("ok: the incident page shows the timeline and figures: " + figure)

            # The duty page is the §15 handover report; a handover from it; printable.
            driver.get(base + "/duty")
            post = wait("a duty post", lambda: driver.find_elements(By.CSS_SELECTOR, "section.handover[data-post]"))[0].get_attribute("data-post")
            section = driver.find_element(By.CSS_SELECTOR, f"section.handover[data-post='{post}']")
            section.find_element(By.CSS_SELECTOR, "input[name='name']").send_keys("陈明")
            section.find_element(By.CSS_SELECTOR, "input[name='phone']").send_keys("13800000009")
            section.find_element(By.CSS_SELECTOR, "button[data-action='duty']").click()
            verdict = wait("the handover's verdict", lambda: driver.find_element(By.CSS_SELECTOR, "[data-verdict]"))
            assert verdict.get_attribute("data-verdict") == "applied", verdict.text
            driver.get(base + "/duty?post=" + post)
            report = wait("the handover report", lambda: driver.find_element(By.CSS_SELECTOR, f"section.handover[data-post='{post}']"))
            assert "陈明 13800000009" in report.text and "交接班" in report.text, report.text[:400]
            driver.save_screenshot(os.path.join(REPO, ".build", "console-duty.png"))
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
            hidden = driver.execute_script("""return [...document.querySelectorAll('header.top nav, form, #print')]
                .every(function (el) { return getComputedStyle(el).display === 'none'; })""")
            background = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
            assert hidden and background in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), (hidden, background)
            driver.save_screenshot(os.path.join(REPO, ".build", "console-duty-print.png"))
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
            print("ok: a handover from the duty page; the report shows it; in print, no navigation or forms, black on white")

            driver.get(base + "/")
            wait("board", lambda: driver.find_elements(By.CSS_SELECTOR, ".board"))
            time.sleep(1.0)
            os.makedirs(os.path.join(REPO, ".build"), exist_ok=True)
            shot = os.path.join(REPO, ".build", "console-board.png")
            driver.save_screenshot(shot)
            print("ok: screenshot " + shot)

            # A lost connection: the banner says the board is stale; after the console comes
            # back the page reloads (sessions are in memory: the login page) and resynchronises.
            console.terminate()
            assert console.wait(timeout=15) == 0, "the console exits 0 on SIGTERM"
            wait("the stale banner", lambda: "stale" in driver.find_element(By.ID, "connection").get_attribute("class"), timeout=5)
            print("ok: console stopped: the board says it is stale: " + driver.find_element(By.ID, "connection").text)
            console = subprocess.Popen([os.path.join(BIN, "dispatchd-console"), "--config", main_config], stdout=clog, stderr=clog)
            procs.append(console)
            wait("the page to come back by itself", lambda: "/login" in driver.current_url, timeout=20)
            login("ops")
            wait("the board again", lambda: "石水村内涝红色预警" in driver.find_element(By.ID, "live").text)
            print("ok: console restarted: the page came back by itself; after the login the board is current")

            login("wall")
            driver.get(base + "/incidents/BT-LIVE-1")
            wait("incident page", lambda: driver.find_elements(By.CSS_SELECTOR, "tr.order"))
            buttons = driver.find_elements(By.CSS_SELECTOR, "button[data-action]")
            assert not buttons, f"a viewer sees {len(buttons)} action buttons"
            print("ok: a viewer sees no action button")
        finally:
            driver.quit()
    finally:
        for p in reversed(procs):
            p.terminate()
            try:
                code = p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
                code = "killed"
            print(f"{os.path.basename(p.args[0])} exit {code}")
        if os.environ.get("KEEP_BROWSER_SANDBOX"):
            print("sandbox kept in " + root)
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
