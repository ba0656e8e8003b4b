#!/usr/bin/python3
# test-supervisor-flow.py — a supervisor pauses an agent from the board, as a
# screen reader user would: through AT-SPI only.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts a plateau-router with a supervisor account of Équipe Nord, logs
# in as that supervisor (`plateau --server URI --user sup-nord
# --password-file -`, GTK_A11Y=atspi), finds the agent
# board by its accessible name, reads the rows' descriptions ("Camille
# Martin, available, 3 minutes"), selects an available agent's row through
# the list's Selection, opens the selected agent's menu and clicks Pause ▸
# Break, then waits for that row to say "paused" and for the toast that says
# so. Every wait is
# bounded; the output is TAP. Uses Debian's python3-gi and gir1.2-atspi-2.0
# (build-aux/ensure-packages test), run by meson in the "atspi" suite under
# the same Xvfb and D-Bus session as the other display tests.

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, GLib  # noqa: E402

TIMEOUT_S = 60

results = []


def report(ok, what):
    results.append(ok)
    print(('ok' if ok else 'not ok') + ' %d - %s' % (len(results), what), flush=True)


def pump(seconds):
    """Runs the main loop a while: libatspi learns of new applications and
    of changes from D-Bus signals, handled there."""
    end = time.monotonic() + seconds
    ctx = GLib.MainContext.default()
    while time.monotonic() < end:
        while ctx.iteration(False):
            pass
        time.sleep(0.02)


def wait_for(what, find, timeout=TIMEOUT_S):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = find()
        if found:
            return found
        pump(0.2)
    print('# timed out waiting for %s' % what, flush=True)
    return None


def children(node):
    try:
        count = node.get_child_count()
    except GLib.Error:
        return []
    out = []
    for i in range(count):
        try:
            child = node.get_child_at_index(i)
        except GLib.Error:
            continue
        if child is not None:
            out.append(child)
    return out


def walk(node, visit, depth=0):
    if node is None or depth > 60:
        return None
    try:
        if visit(node):
            return node
    except GLib.Error:
        return None
    for child in children(node):
        found = walk(child, visit, depth + 1)
        if found is not None:
            return found
    return None


def find_app():
    desktop = Atspi.get_desktop(0)
    for app in children(desktop):
        if app.get_name() == 'plateau':
            return app
    return None


def find_board(app):
    """The agent board: the tree table named "Agents" whose rows describe
    agents (the queue detail has a table of that name too)."""
    def visit(node):
        if node.get_role() != Atspi.Role.TREE_TABLE or node.get_name() != 'Agents':
            return False
        return find_row(node, r'.+, (available|on call|wrap-up|paused)') is not None
    return walk(app, visit)


def find_row(board, pattern):
    """The cell panel whose description matches @pattern (a regex)."""
    regex = re.compile(pattern)

    def visit(node):
        if node.get_role() != Atspi.Role.PANEL:
            return False
        description = node.get_description() or ''
        return regex.match(description) is not None
    return walk(board, visit)


def find_label(app, prefix):
    def visit(node):
        return node.get_role() == Atspi.Role.LABEL and (node.get_name() or '').startswith(prefix)
    return walk(app, visit)


def find_actionable(app, name):
    """A sensitive widget named @name that can be clicked: itself, or the
    button inside it (a GtkMenuButton holds one)."""
    def clickable(node):
        try:
            return node.get_n_actions() > 0 and node.get_state_set().contains(Atspi.StateType.SENSITIVE)
        except GLib.Error:
            return False

    named = walk(app, lambda node: (node.get_name() or '') == name and
                 node.get_state_set().contains(Atspi.StateType.SENSITIVE))
    if named is None:
        return None
    return named if clickable(named) else walk(named, clickable)


def select(panel):
    """Selects the row of a cell's panel through the list's Selection."""
    row = panel.get_parent().get_parent()
    listing = row.get_parent()
    index = row.get_index_in_parent()
    ok = listing.select_child(index)
    print('# selected row %d: %s' % (index, ok), flush=True)


def start_router(router, db):
    """A router of its own, with a supervisor of Équipe Nord in its database."""
    subprocess.run([router, 'user', 'add', 'sup-nord', '--role', 'supervisor',
                    '--teams', 't-nord', '--db', db],
                   input='a-long-test-password\n', text=True, check=True,
                   stdout=subprocess.DEVNULL)
    process = subprocess.Popen([router, '--listen', '127.0.0.1:0', '--scenario', 'demo',
                                '--db', db, '--seed', '7'],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline()
    match = re.match(r'Listening on (\S+)', line)
    if match is None:
        process.terminate()
        raise RuntimeError('the router did not say where it listens: %r' % line)
    return process, match.group(1)


def main():
    plateau = sys.argv[1]
    router = sys.argv[2]
    env = dict(os.environ, GTK_A11Y='atspi', GSETTINGS_BACKEND='memory')
    env.pop('NO_AT_BRIDGE', None)
    workdir = tempfile.mkdtemp(prefix='plateau-atspi-')
    router_process, uri = start_router(router, os.path.join(workdir, 'router.db'))
    log = tempfile.NamedTemporaryFile(prefix='plateau-atspi-', suffix='.log', delete=False)
    # Logs in as the supervisor, the password on standard input.
    app_process = subprocess.Popen([plateau, '--server', uri, '--user', 'sup-nord',
                                    '--password-file', '-', '--view', 'agents'], env=env,
                                   stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT,
                                   text=True)
    app_process.stdin.write('a-long-test-password\n')
    app_process.stdin.close()
    print('1..5', flush=True)
    try:
        app = wait_for('the console on the accessibility bus', find_app)
        report(app is not None, 'the console shows on the accessibility bus')
        if app is None:
            return

        board = wait_for('the agent board', lambda: find_board(app))
        report(board is not None, 'the agent board is found by its accessible name')
        if board is None:
            return

        row = wait_for('an available agent', lambda: find_row(board, r'[^,]+, available, '))
        report(row is not None, 'a row says which agent is available, and for how long')
        if row is None:
            return
        name = row.get_description().split(',')[0]
        print('# pausing %s' % name, flush=True)

        select(row)
        pump(0.5)

        # The selected agent's menu: Pause ▸ Break.
        for name_wanted in ('Actions on the selected agent', 'Pause', 'Break'):
            item = wait_for('"%s"' % name_wanted, lambda: find_actionable(app, name_wanted), timeout=15)
            if item is None:
                break
            print('# clicking %s "%s"' % (item.get_role_name(), item.get_name()), flush=True)
            item.do_action(0)
            pump(0.5)

        paused = wait_for('%s to be paused' % name,
                          lambda: find_row(board, re.escape(name) + r', paused'))
        report(paused is not None, "%s's row says paused" % name)

        toast = wait_for('the toast', lambda: find_label(app, '%s is paused' % name), timeout=10)
        report(toast is not None, 'the console says "%s"' % (toast.get_name() if toast else 'nothing'))
    finally:
        router_process.terminate()
        app_process.terminate()
        try:
            app_process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app_process.kill()
        log.close()
        if not all(results) or len(results) < 5:
            with open(log.name, errors='replace') as f:
                for line in f.read().splitlines()[-30:]:
                    print('# ' + line, flush=True)
        os.unlink(log.name)
        try:
            router_process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            router_process.kill()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == '__main__':
    main()
    sys.exit(0 if results and all(results) and len(results) == 5 else 1)
