/* plt-test-peer.c — a console that can be frozen: connects to a router,
 * says hello, prints "ready" and then only reads. The tests SIGSTOP it.
 *
 * Usage: plt-test-peer URI   (the token, if any, in PLT_TEST_TOKEN)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <libsoup/soup.h>

#include "plt-protocol.h"

static GMainLoop *loop;
static SoupWebsocketConnection *conn;

static void
on_closed (SoupWebsocketConnection *c,
           gpointer                 data)
{
  g_main_loop_quit (loop);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hello = NULL;

  conn = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (conn == NULL)
    {
      fprintf (stderr, "plt-test-peer: %s\n", error->message);
      exit (1);
    }

  soup_websocket_connection_set_max_incoming_payload_size (conn, PLT_PROTOCOL_MAX_CLIENT_FRAME);
  g_signal_connect (conn, "closed", G_CALLBACK (on_closed), NULL);
  hello = plt_protocol_encode_hello ("plt-test-peer");
  soup_websocket_connection_send_text (conn, hello);
  printf ("ready\n");
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  const char *protocols[] = { PLT_PROTOCOL_SUBPROTOCOL, NULL };
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  const char *token = g_getenv ("PLT_TEST_TOKEN");

  if (argc != 2)
    return 2;

  loop = g_main_loop_new (NULL, FALSE);
  session = soup_session_new ();
  msg = soup_message_new (SOUP_METHOD_GET, argv[1]);
  if (token != NULL)
    {
      g_autofree char *value = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }

  soup_session_websocket_connect_async (session, msg, NULL, (char **) protocols, G_PRIORITY_DEFAULT,
                                        NULL, on_connected, NULL);
  g_main_loop_run (loop);
  g_clear_object (&conn);
  g_main_loop_unref (loop);

  return 0;
}
