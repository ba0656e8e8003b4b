/* plt-test-ws.h — a raw WebSocket test client that decodes what it receives,
 * and waiting with a deadline: shared by the router's displayless tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "plt-protocol.h"
#include "plt-router.h"

G_BEGIN_DECLS

typedef gboolean (*PltTestPredicate) (gpointer data);

/* Iterates the default main context until @predicate holds or @timeout_ms
 * pass; returns whether it holds. */
gboolean plt_test_ws_iterate_until (PltTestPredicate predicate,
                                    gpointer         data,
                                    guint            timeout_ms);

/* A predicate: @data, a PltRouter, has no client left. */
gboolean plt_test_ws_no_clients (gpointer data);

/* The token new clients present as "Authorization: Bearer …"; none if NULL. */
extern char *plt_test_ws_token;

/* Replaces plt_test_ws_token, taking @token (may be NULL). */
void plt_test_ws_set_token (char *token);

typedef struct
{
  SoupSession             *session;
  SoupWebsocketConnection *conn;
  PltDecoder              *decoder;
  GQueue                   messages;      /* PltMessage* */
  GError                  *connect_error;
  gsize                    max_frame;
  guint                    n_frames;
  guint                    n_binary;
  guint                    n_undecodable;
  gushort                  close_code;
  gboolean                 connected;
  gboolean                 done;
  gboolean                 closed;
} PltTestWsClient;

/* Connects with @protocols; the result may have failed (connect_error). */
PltTestWsClient *plt_test_ws_client_connect_with (const char  *uri,
                                                  const char **protocols);
/* Connects with Plateau's subprotocol; fails the test otherwise. */
PltTestWsClient *plt_test_ws_client_connect (const char *uri);
void plt_test_ws_client_free (PltTestWsClient *client);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltTestWsClient, plt_test_ws_client_free)

/* Predicates on a PltTestWsClient. */
gboolean plt_test_ws_client_done (gpointer data);
gboolean plt_test_ws_client_closed (gpointer data);
gboolean plt_test_ws_client_has_message (gpointer data);

void plt_test_ws_client_send (PltTestWsClient *client,
                              const char      *text);
void plt_test_ws_client_hello (PltTestWsClient *client);

/* Returns: (transfer full): the next message; fails the test on timeout. */
PltMessage *plt_test_ws_client_next (PltTestWsClient *client);
/* Skips deltas and heartbeats until a message of @type. */
PltMessage *plt_test_ws_client_next_of_type (PltTestWsClient *client,
                                             PltMessageType   type);

typedef struct
{
  PltMessage *begin;
  GPtrArray  *parts;   /* PltMessage* */
  PltMessage *end;
  GPtrArray  *lists[4];  /* the entities of all parts, borrowed */
} PltTestWsSnapshot;

void plt_test_ws_snapshot_free (PltTestWsSnapshot *snapshot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltTestWsSnapshot, plt_test_ws_snapshot_free)

/* Reads a whole snapshot, checking its structure. */
PltTestWsSnapshot *plt_test_ws_client_read_snapshot (PltTestWsClient *client,
                                                     const char      *reason);

/* Connects, says hello, reads the welcome and the first snapshot. */
PltTestWsClient *plt_test_ws_client_join (const char *uri,
                                          PltRouter  *router);

G_END_DECLS
