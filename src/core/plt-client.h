/* plt-client.h — follows a router over WebSocket and keeps a PltModel current
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "plt-clock.h"
#include "plt-model.h"
#include "plt-types.h"

G_BEGIN_DECLS

#define PLT_TYPE_CLIENT (plt_client_get_type ())
G_DECLARE_FINAL_TYPE (PltClient, plt_client, PLT, CLIENT, GObject)

/*
 * Properties:
 *   "model"        PltModel (construct-only; a new one if NULL)
 *   "clock"        PltClock (construct-only; the default clock if NULL)
 *   "uri"          string, the router's ws:// or wss:// URI
 *   "state"        PltConnectionState (read-only)
 *   "last-error"   string (read-only, nullable): the last problem, in words a
 *                  supervisor understands (translated)
 *   "last-seq"     int64 (read-only)
 *   "epoch"        string (read-only, nullable)
 *   "retry-at"     int64 (read-only): monotonic µs of the next attempt while
 *                  RECONNECTING, else 0
 *   "last-update"  int64 (read-only): wall-clock µs of the last message received
 *
 * Signals:
 *   "synced" ()                — a snapshot was applied (the model is complete)
 *   "protocol-error" (GError*) — a message was rejected (the link goes on)
 */

PltClient          *plt_client_new               (PltModel   *model,
                                                  PltClock   *clock);
PltModel           *plt_client_get_model         (PltClient  *self);
PltClock           *plt_client_get_clock         (PltClient  *self);
void                plt_client_connect           (PltClient  *self,
                                                  const char *uri);
void                plt_client_disconnect        (PltClient  *self);
/* Skips the back-off wait and tries again now (no-op unless RECONNECTING). */
void                plt_client_reconnect_now     (PltClient  *self);
PltConnectionState  plt_client_get_state         (PltClient  *self);
const char         *plt_client_get_uri           (PltClient  *self);
const char         *plt_client_get_last_error    (PltClient  *self);
gint64              plt_client_get_last_seq      (PltClient  *self);
const char         *plt_client_get_epoch         (PltClient  *self);
gint64              plt_client_get_retry_at      (PltClient  *self);
gint64              plt_client_get_last_update   (PltClient  *self);
guint64             plt_client_get_unknown_count (PltClient  *self);

/*
 * Tuning, mostly for tests. Defaults: back-off base 500 ms, cap 30 000 ms,
 * reset after 60 000 ms of healthy link; connect timeout 20 000 ms,
 * snapshot timeout 30 000 ms (from welcome or resync to snapshot.end),
 * liveness grace 5 000 ms (the link is dead after 2 × heartbeat + grace
 * without any frame).
 */
void                plt_client_set_backoff       (PltClient  *self,
                                                  guint       base_ms,
                                                  guint       cap_ms,
                                                  guint       healthy_after_ms);
void                plt_client_set_timeouts      (PltClient  *self,
                                                  guint       connect_ms,
                                                  guint       snapshot_ms,
                                                  guint       liveness_grace_ms);

G_END_DECLS
