// peer.mjs — drives plateau-router with a WebSocket client nobody here
// wrote: the npm package ws (installed by build-aux/fetch-test-data).
//
// It creates a user in a temporary database (plateau-router user add), starts
// the router on 127.0.0.1:0, logs in (POST /login), connects with the
// subprotocol plateau.v1 and its token, says hello, and checks what comes
// back: welcome, a whole snapshot, then deltas; every frame a text frame of
// valid JSON within the limits announced in welcome, and the stream's seq
// contiguous. It then sends hostile frames (invalid JSON, deep nesting, a
// binary frame, an unknown type, a wrong version, a second hello, a server
// message) and checks that each is answered by a non-fatal error frame with
// its specific code while the stream goes on, and closes normally. Output:
// TAP. Every wait is bounded; the router is stopped in every case.
//
// Usage: node peer.mjs --router PATH --node-modules DIR
//
// SPDX-License-Identifier: GPL-3.0-or-later

import {spawn, spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import http from 'node:http'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

const TOTAL_TIMEOUT_MS = 60000
const STEP_TIMEOUT_MS = 10000
const PASSWORD = 'peer-password-1234'

function argument(name) {
  const i = process.argv.indexOf(name)
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : null
}

const routerPath = argument('--router')
const nodeModules = argument('--node-modules')

let WebSocket
try {
  WebSocket = createRequire(join(nodeModules ?? '.', 'noop.js'))('ws')
} catch (error) {
  console.log(`1..0 # SKIP the npm package ws is not in ${nodeModules}: run build-aux/fetch-test-data`)
  process.exit(0)
}

// ---------------------------------------------------------------- TAP output

let planned = 0
let failed = 0
function ok(condition, description, detail) {
  planned++
  console.log(`${condition ? 'ok' : 'not ok'} ${planned} - ${description}`)
  if (!condition) {
    failed++
    if (detail !== undefined)
      for (const line of String(detail).split('\n')) console.log(`# ${line}`)
  }
  return condition
}
function note(text) {
  console.log(`# ${text}`)
}

// ------------------------------------------------------------------ router

const dir = mkdtempSync(join(tmpdir(), 'plateau-ws-peer-'))
const db = join(dir, 'router.db')
let router = null
let routerLog = ''

function cleanUp() {
  if (router !== null && router.exitCode === null) router.kill('SIGKILL')
  rmSync(dir, {recursive: true, force: true})
}

function bail(why) {
  console.log(`Bail out! ${why}`)
  if (routerLog !== '') for (const line of routerLog.split('\n').slice(-30)) console.log(`# router: ${line}`)
  cleanUp()
  process.exit(1)
}

const overall = setTimeout(() => bail(`no end within ${TOTAL_TIMEOUT_MS} ms`), TOTAL_TIMEOUT_MS)

function withTimeout(promise, what, ms = STEP_TIMEOUT_MS) {
  let timer
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}

function startRouter() {
  return new Promise((resolve, reject) => {
    router = spawn(routerPath, ['--listen', '127.0.0.1:0', '--db', db, '--seed', '42', '--speed', '20',
                                '--heartbeat-ms', '200'],
                   {stdio: ['ignore', 'pipe', 'pipe']})
    let out = ''
    router.stdout.on('data', (chunk) => {
      out += chunk
      const match = /^Listening on (ws:\/\/127\.0\.0\.1:(\d+)\/acd)$/m.exec(out)
      if (match) resolve({url: match[1], port: Number(match[2])})
    })
    router.stderr.on('data', (chunk) => {
      routerLog += chunk
    })
    router.on('exit', (code, signal) => reject(new Error(`the router exited early (${code ?? signal})`)))
    router.on('error', reject)
  })
}

function login(port, user, password) {
  const body = JSON.stringify({user, password})
  return new Promise((resolve, reject) => {
    const request = http.request({host: '127.0.0.1', port, path: '/login', method: 'POST',
                                  headers: {'Content-Type': 'application/json',
                                            'Content-Length': Buffer.byteLength(body)}},
                                 (response) => {
                                   let text = ''
                                   response.setEncoding('utf8')
                                   response.on('data', (chunk) => { text += chunk })
                                   response.on('end', () => resolve({status: response.statusCode, text}))
                                 })
    request.on('error', reject)
    request.end(body)
  })
}

// ------------------------------------------------------------ frame checks

// Nesting depth (the root object is 1) and the longest string, in UTF-8
// bytes, member names included.
function measure(value) {
  if (typeof value === 'string') return {depth: 0, longest: Buffer.byteLength(value, 'utf8')}
  if (value === null || typeof value !== 'object') return {depth: 0, longest: 0}
  let depth = 0
  let longest = 0
  for (const [key, item] of Object.entries(value)) {
    const m = measure(item)
    depth = Math.max(depth, m.depth)
    longest = Math.max(longest, m.longest, Array.isArray(value) ? 0 : Buffer.byteLength(key, 'utf8'))
  }
  return {depth: depth + 1, longest}
}

const DELTA = /^(team|agent|queue|call)\.(update|remove)$/

// ---------------------------------------------------------------- the test

async function main() {
  // A user, in the test's own database.
  const add = spawnSync(routerPath, ['user', 'add', 'peer', '--role', 'admin', '--db', db],
                        {input: `${PASSWORD}\n`, encoding: 'utf8', timeout: STEP_TIMEOUT_MS})
  if (!ok(add.status === 0, 'plateau-router user add creates the user', add.stderr))
    bail('no user')

  const {url, port} = await withTimeout(startRouter(), 'the router prints its URL')
  ok(true, `the router listens on ${url}`)

  // Logging in: a wrong password is refused, the right one gives a token.
  const wrong = await withTimeout(login(port, 'peer', 'not-the-password'), 'POST /login')
  ok(wrong.status === 401, 'POST /login with a wrong password answers 401', wrong.text)
  const good = await withTimeout(login(port, 'peer', PASSWORD), 'POST /login')
  let token = null
  try {
    token = JSON.parse(good.text).token
  } catch (error) {
    token = null
  }
  if (!ok(good.status === 200 && typeof token === 'string' && token.length > 0,
          'POST /login answers 200 with a token', good.text))
    bail('no token')

  // Without the token, no upgrade.
  const refused = await withTimeout(new Promise((resolve) => {
    const ws = new WebSocket(url, 'plateau.v1')
    ws.on('unexpected-response', (request, response) => {
      resolve(response.statusCode)
      request.destroy()
    })
    ws.on('open', () => {
      resolve('open')
      ws.terminate()
    })
    ws.on('error', () => resolve('error'))
  }), 'a connection without a token')
  ok(refused === 401, 'a connection without a token is refused with 401 before the upgrade', `got ${refused}`)

  // The real connection.
  const frames = []
  const waiters = []
  let closed = null
  const ws = new WebSocket(url, 'plateau.v1', {headers: {Authorization: `Bearer ${token}`}})
  ws.on('message', (data, isBinary) => {
    const frame = {isBinary, bytes: Buffer.byteLength(data), text: data.toString('utf8'), json: null}
    try {
      frame.json = JSON.parse(frame.text)
    } catch (error) {
      frame.error = error.message
    }
    frames.push(frame)
    for (const waiter of waiters.splice(0)) waiter()
  })
  ws.on('close', (code, reason) => {
    closed = {code, reason: reason.toString()}
    for (const waiter of waiters.splice(0)) waiter()
  })
  ws.on('error', (error) => note(`ws error: ${error.message}`))

  await withTimeout(new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('unexpected-response', (_, response) => reject(new Error(`HTTP ${response.statusCode}`)))
  }), 'the WebSocket opens')
  ok(ws.protocol === 'plateau.v1', 'the router answers with the subprotocol plateau.v1', ws.protocol)

  // Waits for the first frame from @from on that satisfies @predicate.
  let cursor = 0
  async function next(predicate, what, ms = STEP_TIMEOUT_MS) {
    const deadline = Date.now() + ms
    for (;;) {
      while (cursor < frames.length) {
        const frame = frames[cursor++]
        if (frame.json !== null && predicate(frame.json)) return frame.json
      }
      if (closed !== null) throw new Error(`closed (${closed.code} ${closed.reason}) while waiting for ${what}`)
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`timed out waiting for ${what}`)
      await withTimeout(new Promise((resolve) => waiters.push(resolve)), what, left).catch(() => {})
    }
  }

  ws.send(JSON.stringify({v: 1, type: 'hello', data: {client: 'ws-peer/1 (npm ws)'}}))

  const welcome = await next((m) => m.type === 'welcome', 'welcome')
  const limits = welcome.data?.limits ?? {}
  ok(welcome.v === 1 && Number.isInteger(welcome.seq) && welcome.seq >= 0 &&
     typeof welcome.epoch === 'string' && welcome.epoch.length >= 1 && welcome.epoch.length <= 64,
     'welcome has v 1, a seq and an epoch', JSON.stringify(welcome))
  ok(limits.max_message === 1048576 && limits.max_client_message === 65536 &&
     limits.max_depth === 32 && limits.max_string === 4096,
     'welcome announces the limits of docs/protocol.md §1', JSON.stringify(limits))
  ok(Number.isInteger(welcome.data?.heartbeat_ms) && welcome.data.heartbeat_ms === 200,
     'welcome announces the heartbeat asked for', JSON.stringify(welcome.data))

  // The snapshot, whole.
  const begin = await next((m) => m.type === 'snapshot.begin', 'snapshot.begin')
  const counts = {teams: 0, agents: 0, queues: 0, calls: 0}
  let index = 0
  let end = null
  while (end === null) {
    const m = await next((x) => x.type === 'snapshot.part' || x.type === 'snapshot.end', 'the snapshot')
    if (m.type === 'snapshot.end') {
      end = m
      break
    }
    ok(m.data.snapshot_id === begin.data.snapshot_id && m.data.index === index,
       `snapshot.part ${index} comes in order`, JSON.stringify({id: m.data.snapshot_id, index: m.data.index}))
    index++
    for (const kind of Object.keys(counts)) counts[kind] += (m.data[kind] ?? []).length
  }
  ok(index === begin.data.parts && end.data.snapshot_id === begin.data.snapshot_id,
     `the snapshot has its ${begin.data.parts} part(s), then its end`)
  ok(JSON.stringify(counts) === JSON.stringify(begin.data.counts),
     'the snapshot holds the entities it announced', `${JSON.stringify(counts)} vs ${JSON.stringify(begin.data.counts)}`)
  ok(counts.agents > 0 && counts.queues > 0, `the snapshot is not empty (${JSON.stringify(counts)})`)

  // Deltas: a few, then the hostile frames, then more.
  let deltas = 0
  await next((m) => DELTA.test(m.type) && ++deltas >= 20, '20 deltas', 20000)
  ok(true, 'deltas follow the snapshot')

  // Each hostile frame, and the error code it must get, in order. Acks in
  // between keep the router's count of errors in a row low.
  const deep = '['.repeat(40) + ']'.repeat(40)
  const hostile = [
    ['invalid JSON', '{"v":1,"type":"ack","data":{"seq":1}', 'BAD_REQUEST'],
    ['nesting deeper than 32', `{"v":1,"type":"ack","data":{"seq":1,"x":${deep}}}`, 'TOO_LARGE'],
    ['a binary frame', Buffer.from('{"v":1,"type":"ack","data":{"seq":1}}'), 'PROTOCOL'],
    ['an unknown type', '{"v":1,"type":"x.teleport","data":{"to":"mars"}}', 'UNKNOWN_TYPE'],
    ['protocol version 2', '{"v":2,"type":"ack","data":{"seq":1}}', 'UNSUPPORTED_VERSION'],
    ['a second hello', '{"v":1,"type":"hello","data":{"client":"again"}}', 'PROTOCOL'],
    ['a server message', '{"v":1,"type":"agent.remove","data":{"id":"a-01","ver":99}}', 'UNKNOWN_TYPE'],
    ['a string over 4096 bytes', `{"v":1,"type":"hello","data":{"client":"${'x'.repeat(5000)}"}}`, 'TOO_LARGE'],
    ['a 19-digit number', '{"v":1,"type":"ack","data":{"seq":1234567890123456789}}', 'BAD_REQUEST'],
    ['a comment', '{"v":1,/**/"type":"ack","data":{"seq":1}}', 'BAD_REQUEST'],
    ['a top-level array', '[{"v":1,"type":"ack","data":{"seq":1}}]', 'BAD_REQUEST'],
    ['an empty text frame', '', 'BAD_REQUEST'],
  ]
  for (const [what, payload, code] of hostile) {
    ws.send(payload, {binary: Buffer.isBuffer(payload)})
    try {
      const error = await next((m) => m.type === 'error', `the error for ${what}`)
      ok(error.data?.code === code && error.data?.fatal !== true,
         `${what} is answered by a non-fatal ${code}`, JSON.stringify(error.data))
    } catch (error) {
      ok(false, `${what} is answered by a non-fatal ${code}`, error.message)
    }
  }

  // Still open, still streaming; an ack of what was received is accepted.
  const lastSeq = frames.reduce((seq, f) => (f.json && Number.isInteger(f.json.seq) ? Math.max(seq, f.json.seq) : seq), 0)
  ws.send(JSON.stringify({v: 1, type: 'ack', data: {seq: lastSeq}}))
  deltas = 0
  await next((m) => DELTA.test(m.type) && ++deltas >= 10, '10 more deltas after the hostile frames', 20000)
  ok(ws.readyState === WebSocket.OPEN && closed === null, 'the connection stays open after the hostile frames')

  // A heartbeat comes when the stream is quiet for 200 ms: wait for one.
  await next((m) => m.type === 'sys.hb', 'a heartbeat', 20000).then(
    () => ok(true, 'sys.hb arrives'), (error) => ok(false, 'sys.hb arrives', error.message))

  // Every frame so far: text, JSON, one object, within the limits, with the
  // envelope; deltas numbered without gaps, the others at the latest seq.
  const problems = []
  let seq = welcome.seq
  for (const [i, frame] of frames.entries()) {
    const m = frame.json
    if (frame.isBinary) problems.push(`frame ${i} is binary`)
    if (m === null) { problems.push(`frame ${i} is not JSON: ${frame.error}`); continue }
    if (typeof m !== 'object' || Array.isArray(m)) problems.push(`frame ${i} is not an object`)
    if (frame.bytes > limits.max_message) problems.push(`frame ${i} has ${frame.bytes} bytes`)
    const {depth, longest} = measure(m)
    if (depth > limits.max_depth) problems.push(`frame ${i} nests ${depth} deep`)
    if (longest > limits.max_string) problems.push(`frame ${i} has a string of ${longest} bytes`)
    if (m.v !== 1 || typeof m.type !== 'string') problems.push(`frame ${i} has no v 1 and type`)
    if (m.epoch !== welcome.epoch) problems.push(`frame ${i} has epoch ${m.epoch}`)
    if (!Number.isInteger(m.seq)) { problems.push(`frame ${i} has no integer seq`); continue }
    if (i === 0) continue
    if (DELTA.test(m.type)) {
      if (m.seq !== seq + 1) problems.push(`frame ${i} (${m.type}) has seq ${m.seq} after ${seq}`)
      seq = m.seq
    } else if (m.seq !== seq) {
      problems.push(`frame ${i} (${m.type}) has seq ${m.seq}, the stream is at ${seq}`)
    }
  }
  ok(problems.length === 0, `all ${frames.length} frames are valid JSON objects within the limits, ` +
     `with contiguous seq (last ${seq})`, problems.slice(0, 20).join('\n'))
  ok(begin.data.as_of_seq === welcome.seq, 'the snapshot is as of the welcome\'s seq',
     `${begin.data.as_of_seq} vs ${welcome.seq}`)

  // A normal close, answered in kind.
  ws.close(1000, 'done')
  await withTimeout(new Promise((resolve) => (closed !== null ? resolve() : ws.once('close', resolve))),
                    'the close handshake')
  ok(closed?.code === 1000, 'a normal close is answered with 1000', JSON.stringify(closed))

  // What ends a connection: a frame over the client limit (libsoup 3.2 drops
  // the socket without a close frame: 1006 here), and a text frame that is
  // not UTF-8 (RFC 6455 §8.1: 1007). The router goes on serving others.
  const ending = [
    ['a frame over 64 KiB', `{"v":1,"type":"ack","data":{"seq":1,"x":"${'x'.repeat(70000)}"}}`, [1006, 1009]],
    ['a text frame with invalid UTF-8', Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]), [1007]],
  ]
  for (const [what, payload, codes] of ending) {
    const other = new WebSocket(url, 'plateau.v1', {headers: {Authorization: `Bearer ${token}`}})
    const result = await withTimeout(new Promise((resolve) => {
      other.on('open', () => {
        other.send(JSON.stringify({v: 1, type: 'hello', data: {client: 'ws-peer/1'}}))
        other.send(payload, {binary: false})
      })
      other.on('close', (code) => resolve(code))
      other.on('error', () => {})
    }), `the end of the connection after ${what}`)
    ok(codes.includes(result), `${what} ends that connection (${result})`, `expected ${codes.join(' or ')}`)
  }

  // The router stops on SIGTERM.
  router.removeAllListeners('exit')
  const exited = new Promise((resolve) => router.once('exit', (code, signal) => resolve({code, signal})))
  router.kill('SIGTERM')
  const {code} = await withTimeout(exited, 'the router stopping on SIGTERM')
  ok(code === 0, 'the router exits with status 0 on SIGTERM', `status ${code}`)
}

main().then(
  () => {
    clearTimeout(overall)
    console.log(`1..${planned}`)
    cleanUp()
    process.exit(failed > 0 ? 1 : 0)
  },
  (error) => bail(error.stack ?? String(error)))
