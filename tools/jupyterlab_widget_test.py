"""Real-browser check that JupyterLab renders PerfectRep's ipywidgets 3D player and that its slider moves the pose.

Writes a one-cell notebook into a temporary directory, starts `jupyter lab` (this interpreter's) on a free port with a
known token, drives headless chromium over the Chrome DevTools Protocol (`websocket-client`) to open the notebook, run
it, wait for the player (the 'frame' slider and the Image widget's <img>), click the slider's handle and press ArrowRight
on it five times, and check that the <img> bytes change from the player's PNG of frame 0 to its PNG of frame 5 (both
drawn here too with `Skeleton3D`). Saves a screenshot to `--screenshot`.

Exit codes: 0 and one line `widget rendered, slider moved the pose` on success; 77 and a one-line reason when chromium,
jupyterlab or websocket-client is not installed (a skip); 1 and a message otherwise. Jupyter, its kernel and chromium
are always stopped.

    .venv/bin/python tools/jupyterlab_widget_test.py [--screenshot /tmp/perfectrep_player.png] [--timeout 100]
"""
from __future__ import annotations
import argparse, base64, hashlib, importlib.util, json, os, shutil, signal, socket, subprocess, sys, tempfile, time
import urllib.request
from pathlib import Path

SKIP = 77
FRAME_STEPS = 5   # ArrowRight presses on the 'frame' slider

CELL = """\
import numpy as np
from perfectrep.viz import player

def pose(t, T):
    "A standing skeleton in camera coordinates (x right, y down, z forward), metres: arms rise, knees bend with t."
    a, s = np.pi * t / (T - 1), 0.5 * np.sin(np.pi * t / (T - 1))
    p = np.zeros((17, 3))
    for side, (hip, knee, ankle, sh, elb, wri) in ((-1, (1, 2, 3, 14, 15, 16)), (1, (4, 5, 6, 11, 12, 13))):
        p[hip] = [0.1 * side, 0, 0]
        p[knee] = [0.1 * side, 0.45 - 0.1 * s, -0.25 * s]
        p[ankle] = [0.1 * side, 0.9 - 0.3 * s, 0]
        p[sh] = [0.18 * side, -0.48, 0]
        arm = np.array([np.sin(a) * side, np.cos(a), 0])
        p[elb], p[wri] = p[sh] + 0.28 * arm, p[sh] + 0.55 * arm
    p[7], p[8], p[9], p[10] = [0, -0.25, 0], [0, -0.5, 0], [0, -0.62, -0.08], [0, -0.75, 0]
    return p + [0, 0, 3.0]

T = 30
poses = np.stack([pose(t, T) for t in range(T)])
SIZE = 300
player(poses, fps=10, size=SIZE)
"""


class Fail(Exception): "The check failed: the message says why."


def skip(reason):
    print(f'skipped: {reason}', flush=True); sys.exit(SKIP)


def find_chromium(explicit=None):
    for name in ([explicit] if explicit else []) + [os.environ.get('CHROMIUM', ''), 'chromium', 'chromium-browser',
                                                  'google-chrome', 'google-chrome-stable']:
        if name and (p := shutil.which(name)): return p
    return None


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0)); return s.getsockname()[1]


def wait_for(what, f, timeout, every=0.25):
    "Call `f` until it returns something truthy; raise `Fail` after `timeout` seconds."
    t_end, last = time.time() + timeout, None
    while time.time() < t_end:
        try:
            if r := f(): return r
        except Fail: raise
        except Exception as e: last = e
        time.sleep(every)
    raise Fail(f'timed out after {timeout:.0f}s waiting for {what}' + (f' (last error: {last})' if last else ''))


def _die_with_parent():
    "In the child, on Linux: be killed when this script dies, even by SIGKILL (so nothing outlives a killed test)."
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
    except Exception: pass


class Procs:
    "The processes this script starts, each in its own session; `stop` ends them and every descendant, by pid."
    def __init__(self): self.procs, self.shutdown_url = [], None

    def start(self, args, log, env=None):
        p = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                             start_new_session=True, preexec_fn=_die_with_parent if sys.platform == 'linux' else None)
        self.procs.append(p); return p

    def _descendants(self, p):
        try:
            import psutil
            return psutil.Process(p.pid).children(recursive=True)
        except Exception: return []

    def stop(self):
        if self.shutdown_url:   # ask jupyter to shut its kernel down (the kernel runs in a session of its own)
            try: urllib.request.urlopen(urllib.request.Request(self.shutdown_url, method='POST'), timeout=3).close()
            except Exception: pass
        for p in reversed(self.procs):
            kids = self._descendants(p)            # the kernel runs in a session of its own: collect it by pid first
            if p.poll() is None:
                try: os.killpg(p.pid, signal.SIGTERM)
                except (ProcessLookupError, PermissionError): pass
                try: p.wait(5)
                except subprocess.TimeoutExpired: pass
            for pid in [p.pid] + [k.pid for k in kids]:
                for kill in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
                    try: kill()
                    except (ProcessLookupError, PermissionError, OSError): pass
            try: p.wait(5)
            except subprocess.TimeoutExpired: pass
        self.procs = []


class CDP:
    "A minimal Chrome DevTools Protocol client over one page target."
    def __init__(self, ws_url):
        import websocket
        self.ws = websocket.create_connection(ws_url, timeout=30, suppress_origin=True, enable_multithread=False)
        self.n, self.errors = 0, []

    def call(self, method, timeout=30, **params):
        self.n += 1
        mid = self.n
        self.ws.send(json.dumps({'id': mid, 'method': method, 'params': params}))
        t_end = time.time() + timeout
        while True:
            self.ws.settimeout(max(0.1, t_end - time.time()))
            msg = json.loads(self.ws.recv())
            if msg.get('id') == mid:
                if 'error' in msg: raise Fail(f'{method}: {msg["error"]}')
                return msg.get('result', {})
            if msg.get('method') == 'Runtime.exceptionThrown':
                d = msg['params']['exceptionDetails']
                self.errors.append((d.get('exception') or {}).get('description') or d.get('text'))
            if time.time() > t_end: raise Fail(f'{method}: no answer in {timeout}s')

    def js(self, expr, timeout=30):
        "Evaluate `expr` (awaiting a promise) in the page and return its JSON value."
        r = self.call('Runtime.evaluate', timeout=timeout, expression=expr, awaitPromise=True, returnByValue=True)
        if 'exceptionDetails' in r:
            d = r['exceptionDetails']
            raise RuntimeError((d.get('exception') or {}).get('description') or d.get('text'))
        return r['result'].get('value')

    def click(self, x, y):
        for kind in ('mouseMoved', 'mousePressed', 'mouseReleased'):
            self.call('Input.dispatchMouseEvent', type=kind, x=x, y=y, button='left' if kind != 'mouseMoved' else 'none',
                      clickCount=1 if kind != 'mouseMoved' else 0)

    def key(self, key, code=None, vk=0):
        for kind in ('keyDown', 'keyUp'):
            self.call('Input.dispatchKeyEvent', type=kind, key=key, code=code or key, windowsVirtualKeyCode=vk,
                      nativeVirtualKeyCode=vk)

    def close(self):
        try: self.ws.close()
        except Exception: pass


# JavaScript helpers evaluated in the page
JS_NOTEBOOK = """
  const notebook = () => window.jupyterapp && Array.from(window.jupyterapp.shell.widgets('main'))
    .find(w => w.sessionContext && w.context && w.context.path === 'player.ipynb');"""

JS_KERNEL = "(() => {" + JS_NOTEBOOK + """
  if (!window.jupyterapp) return 'no app';
  const w = notebook();
  if (!w) return 'no notebook';
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  return k ? k.status : 'no kernel';
})()"""

JS_PLAYER = "(() => {" + JS_NOTEBOOK + """
  const cells = notebook().content.model.cells, errs = [];
  for (let i = 0; i < cells.length; i++)
    for (const o of (cells.get(i).outputs ? cells.get(i).outputs.toJSON() : []))
      if (o.output_type === 'error') errs.push((o.traceback || []).join('\\n') || `${o.ename}: ${o.evalue}`);
  if (errs.length) return {error: errs.join('\\n').replace(/\\x1b\\[[0-9;]*m/g, '').slice(-3000)};
  const out = document.querySelector('.jp-Notebook .jp-OutputArea-output');
  if (!out) return {state: 'no output yet'};
  const slider = [...out.querySelectorAll('.widget-slider')]
                 .find(s => (s.querySelector('.widget-label') || {}).textContent === 'frame');
  const img = out.querySelector('img.widget-image') || out.querySelector('img');
  const handle = slider && slider.querySelector('.noUi-handle');
  if (!slider || !handle || !img || !img.src || !img.complete || !img.naturalWidth) return {state: 'widget not rendered yet'};
  const readout = slider.querySelector('.widget-readout');
  return {src: img.src, w: img.naturalWidth, h: img.naturalHeight,
          value: readout ? readout.textContent.trim() : null,
          focused: document.activeElement === handle};
})()"""

JS_IMG_BYTES = """(async () => {
  const img = document.querySelector('.jp-Notebook .jp-OutputArea-output img.widget-image')
              || document.querySelector('.jp-Notebook .jp-OutputArea-output img');
  const b = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
  let s = ''; for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode.apply(null, b.subarray(i, i + 0x8000));
  return {src: img.src, b64: btoa(s)};
})()"""

JS_HANDLE_BOX = """(() => {
  const out = document.querySelector('.jp-Notebook .jp-OutputArea-output');
  const slider = [...out.querySelectorAll('.widget-slider')]
                 .find(s => (s.querySelector('.widget-label') || {}).textContent === 'frame');
  slider.scrollIntoView({block: 'center'});
  const r = slider.querySelector('.noUi-handle').getBoundingClientRect();
  return {x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height};
})()"""


def image(cdp):
    "(sha256, size) of the bytes the player's <img> shows."
    r = cdp.js(JS_IMG_BYTES)
    b = base64.b64decode(r['b64'])
    if not b.startswith(b'\x89PNG'): raise Fail(f'the player image is not a PNG ({len(b)} bytes, src {r["src"][:60]})')
    return hashlib.sha256(b).hexdigest(), len(b)


def expected_images(n):
    "sha256 of the PNG the player draws for frames 0..n of the notebook's poses (the widget shows these bytes as they are)."
    from perfectrep.viz import Skeleton3D
    g = {}
    exec(CELL.rsplit('player(', 1)[0], g)
    r3 = Skeleton3D(g['poses'], size=g['SIZE'])
    return {t: hashlib.sha256(r3.png(t, -90)).hexdigest() for t in range(n + 1)}


def run(args, tmp, procs):
    t0 = time.time()
    deadline = t0 + args.timeout
    left = lambda: max(1.0, deadline - time.time())
    # (a) the notebook
    import nbformat
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CELL)])
    nb.metadata['kernelspec'] = {'name': 'python3', 'display_name': 'Python 3 (ipykernel)', 'language': 'python'}
    root = tmp/'notebooks'                   # the server's root: only the notebook (logs and profiles sit beside it)
    root.mkdir()
    nbformat.write(nb, root/'player.ipynb')

    # (b) jupyter lab, isolated from the user's config, settings and workspaces
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp/'cfg'), JUPYTER_RUNTIME_DIR=str(tmp/'runtime'),
               JUPYTER_DATA_DIR=str(tmp/'data'),
               JUPYTERLAB_SETTINGS_DIR=str(tmp/'settings'), JUPYTERLAB_WORKSPACES_DIR=str(tmp/'workspaces'),
               IPYTHONDIR=str(tmp/'ipython'), MPLBACKEND='Agg', OMP_NUM_THREADS='1', PYTHONUNBUFFERED='1',
               PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get('PATH', ''))
    notif = tmp/'settings'/'@jupyterlab'/'apputils-extension'/'notification.jupyterlab-settings'
    notif.parent.mkdir(parents=True)
    notif.write_text(json.dumps({'checkForUpdates': False, 'fetchNews': 'false'}))
    port, token = free_port(), 'perfectrep-' + os.urandom(8).hex()
    jlog = open(tmp/'jupyter.log', 'w')
    jup = procs.start([sys.executable, '-m', 'jupyterlab', '--no-browser', f'--port={port}', '--ip=127.0.0.1',
                       '--ServerApp.port_retries=0', f'--IdentityProvider.token={token}',
                       f'--ServerApp.root_dir={root}', '--ServerApp.open_browser=False',
                       '--LabApp.expose_app_in_browser=True', '--LabApp.news_url=None',
                       '--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate',
                       '--ServerApp.terminals_enabled=False']
                      + (['--allow-root'] if hasattr(os, 'geteuid') and os.geteuid() == 0 else []),
                      jlog, env=env)
    base = f'http://127.0.0.1:{port}'
    procs.shutdown_url = f'{base}/api/shutdown?token={token}'
    expected = expected_images(FRAME_STEPS)       # while jupyter starts
    which = lambda h: next((f'frame {t}' for t, e in expected.items() if e == h), f'no frame 0..{FRAME_STEPS} ({h[:12]})')

    def server_up():
        if jup.poll() is not None: raise Fail(f'jupyter lab exited with code {jup.returncode}')
        with urllib.request.urlopen(f'{base}/api/status?token={token}', timeout=2) as r: return r.status == 200
    wait_for('jupyter lab to answer', server_up, min(45, left()))
    t_server = time.time() - t0

    # (c) chromium, over the DevTools protocol
    udd = tmp/'chrome'
    clog = open(tmp/'chromium.log', 'w')
    chrome = procs.start([args.chromium, '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                          '--disable-background-networking', '--disable-component-update', '--disable-sync',
                          '--no-default-browser-check', '--disable-extensions', '--mute-audio', '--password-store=basic',
                          '--disable-dev-shm-usage', '--window-size=1280,1000', f'--user-data-dir={udd}',
                          '--remote-debugging-port=0', '--remote-allow-origins=*', 'about:blank'], clog, env=env)

    def devtools_port():
        if chrome.poll() is not None: raise Fail(f'chromium exited with code {chrome.returncode}')
        f = udd/'DevToolsActivePort'
        return f.exists() and (lines := f.read_text().split()) and int(lines[0])
    dport = wait_for('chromium to open its DevTools port', devtools_port, min(30, left()))

    def page_ws():
        with urllib.request.urlopen(f'http://127.0.0.1:{dport}/json/list', timeout=2) as r:
            pages = [t for t in json.load(r) if t.get('type') == 'page']
        return pages and pages[0]['webSocketDebuggerUrl']
    cdp = CDP(wait_for('a chromium page target', page_ws, min(15, left())))
    try:
        cdp.call('Runtime.enable'); cdp.call('Page.enable')
        cdp.call('Emulation.setFocusEmulationEnabled', enabled=True)   # a headless page is never focused otherwise
        cdp.call('Emulation.setDeviceMetricsOverride', width=1280, height=1000, deviceScaleFactor=1, mobile=False)
        cdp.call('Page.navigate', url=f'{base}/lab/tree/player.ipynb?reset&token={token}')
        wait_for('JupyterLab to open the notebook with an idle kernel', lambda: cdp.js(JS_KERNEL) == 'idle', min(60, left()),
                 every=0.5)
        t_lab = time.time() - t0
        cdp.js("window.jupyterapp.shell.collapseLeft(), true")     # more room for the notebook in the screenshot
        cdp.js("window.jupyterapp.commands.execute('notebook:run-all-cells').then(() => true)")

        def rendered():
            r = cdp.js(JS_PLAYER)
            if 'error' in r: raise Fail(f'the notebook cell failed:\n{r["error"]}')
            return 'src' in r and r
        first = wait_for('the player widget to render', rendered, min(60, left()), every=0.5)
        if first['value'] not in (None, '0'): raise Fail(f'the frame slider starts at {first["value"]!r}, not 0')
        h0, n0 = image(cdp)
        if h0 != expected[0]: raise Fail(f'the player image before the move shows {which(h0)}, not frame 0')
        t_render = time.time() - t0

        # the real UI interaction: click the 'frame' slider's handle (focusing it), then press ArrowRight
        box = cdp.js(JS_HANDLE_BOX)
        cdp.click(box['x'], box['y'])
        wait_for('the slider handle to take the focus after a click on it', lambda: cdp.js(JS_PLAYER).get('focused'), 5,
                 every=0.1)
        for _ in range(FRAME_STEPS): cdp.key('ArrowRight', vk=39)

        def moved():   # the readout shows the new frame and the image is the player's drawing of that frame
            r = cdp.js(JS_PLAYER)
            if 'error' in r: raise Fail(f'the notebook cell failed:\n{r["error"]}')
            if r.get('value') != str(FRAME_STEPS) or r.get('src') == first['src']: return None
            h, n = image(cdp)
            return h == expected[FRAME_STEPS] and (h, n, r)
        try: h1, n1, after = wait_for(f'the player to show frame {FRAME_STEPS} after the slider moved', moved, min(30, left()))
        except Fail as e:
            r, (h, _) = cdp.js(JS_PLAYER), image(cdp)
            raise Fail(f'{e}; slider readout {r.get("value")!r}, image src changed: {r.get("src") != first["src"]}, '
                       f'image shows {which(h)}')

        shot = cdp.call('Page.captureScreenshot', format='png')
        path = Path(args.screenshot)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot['data']))
        if args.verbose:
            print(f'jupyter up {t_server:.1f}s, notebook+kernel {t_lab:.1f}s, player rendered {t_render:.1f}s, '
                  f'moved {time.time() - t0:.1f}s; image {first["w"]}x{first["h"]} {n0} B {h0[:12]} -> '
                  f'{n1} B {h1[:12]} at frame {after["value"]}; screenshot {path}', file=sys.stderr)
    finally:
        cdp.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--screenshot', default=os.path.join(tempfile.gettempdir(), 'perfectrep_player.png'),
                    help='where to save a PNG screenshot of the notebook with the player')
    ap.add_argument('--timeout', type=float, default=100, help='overall time limit, seconds')
    ap.add_argument('--chromium', help='chromium executable (default: chromium on PATH, or $CHROMIUM)')
    ap.add_argument('--keep', action='store_true', help='keep the temporary directory (logs, notebook)')
    ap.add_argument('-v', '--verbose', action='store_true', help='print timings and image hashes to stderr')
    args = ap.parse_args()

    args.chromium = find_chromium(args.chromium)
    if not args.chromium: skip('chromium is not installed (not on PATH)')
    if importlib.util.find_spec('jupyterlab') is None: skip(f'jupyterlab is not installed for {sys.executable}')
    if importlib.util.find_spec('websocket') is None: skip(f'websocket-client is not installed for {sys.executable}')

    tmp = Path(tempfile.mkdtemp(prefix='perfectrep-jlab-'))
    procs = Procs()
    def on_signal(sig, _): raise KeyboardInterrupt(f'interrupted by signal {sig}')
    signal.signal(signal.SIGTERM, on_signal)
    code = 1
    try:
        run(args, tmp, procs)
        print('widget rendered, slider moved the pose', flush=True)
        code = 0
    except (Fail, KeyboardInterrupt) as e:
        print(f'FAIL: {e}', file=sys.stderr)
    except Exception as e:
        print(f'FAIL: {type(e).__name__}: {e}', file=sys.stderr)
    finally:
        procs.stop()
        if code:
            for name in ('jupyter.log', 'chromium.log'):
                f = tmp/name
                lines = [ln for ln in f.read_text(errors='replace').splitlines() if 'dbus' not in ln] if f.exists() else []
                if tail := lines[-15:]:
                    print(f'--- last lines of {name}:\n' + '\n'.join(tail), file=sys.stderr)
        if args.keep: print(f'kept {tmp}', file=sys.stderr)
        else: shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(code)


if __name__ == '__main__':
    main()
