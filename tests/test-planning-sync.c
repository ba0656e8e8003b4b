/* test-planning-sync.c — two editors on one planning through a real
 * router: saves from a base revision, the merge when both saved (different
 * agent-days merge, the same agent-day is a conflict the user resolves),
 * saves split below the message limit, and edits made offline saved when
 * the link returns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>
#include <sodium.h>

#include "plt-planning-sync.h"
#include "plt-router.h"
#include "plt-test-timeout.h"
#include "plt-test-ws.h"

#define TIMEOUT_MS plt_test_timeout_ms (30000)

typedef struct
{
  SoupSession             *session;
  SoupWebsocketConnection *conn;
  PltDecoder              *decoder;
  PltPlanningSync         *sync;
  gboolean                 connected;
  guint                    n_saved;
  guint                    n_conflicts;
  guint                    n_conflict_signals;
  guint                    n_loaded;
  guint                    n_failed;
  guint                    n_sent;
  gint64                   last_revision;
} Editor;

static void
on_message (SoupWebsocketConnection *conn,
            gint                     type,
            GBytes                  *bytes,
            gpointer                 user_data)
{
  Editor *editor = user_data;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(GError) error = NULL;
  g_autoptr(PltMessage) message = plt_decoder_decode (editor->decoder, data, length, &error);

  g_assert_no_error (error);
  plt_planning_sync_handle_message (editor->sync, message);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Editor *editor = user_data;
  g_autoptr(GError) error = NULL;

  editor->conn = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  soup_websocket_connection_set_max_incoming_payload_size (editor->conn, PLT_PROTOCOL_MAX_CLIENT_FRAME);
  g_signal_connect (editor->conn, "message", G_CALLBACK (on_message), editor);
  editor->connected = TRUE;
}

static gboolean
is_connected (gpointer data)
{
  return ((Editor *) data)->connected;
}

static void
send_text (const char *text,
           gpointer    user_data)
{
  Editor *editor = user_data;

  g_assert_cmpuint (strlen (text), <=, PLT_PROTOCOL_MAX_CLIENT_MESSAGE);
  editor->n_sent++;
  soup_websocket_connection_send_text (editor->conn, text);
}

static void
on_saved (PltPlanningSync *sync,
          const char      *week,
          gint64           revision,
          Editor          *editor)
{
  editor->n_saved++;
  editor->last_revision = revision;
}

static void
on_conflict (PltPlanningSync *sync,
             const char      *week,
             guint            n,
             Editor          *editor)
{
  editor->n_conflict_signals++;
  editor->n_conflicts += n;
}

static void
on_loaded (PltPlanningSync *sync,
           const char      *week,
           Editor          *editor)
{
  editor->n_loaded++;
}

static void
on_failed (PltPlanningSync *sync,
           const char      *week,
           GError          *error,
           Editor          *editor)
{
  g_test_message ("failed: %s", error->message);
  editor->n_failed++;
}

static Editor *
editor_new (const char    *uri,
            const char    *token,
            const PltSite *site,
            const char    *client_id)
{
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, uri);
  g_autofree char *bearer = g_strdup_printf ("Bearer %s", token);
  g_autofree char *hello = plt_protocol_encode_hello ("test-planning-sync");
  g_autoptr(PltPlanningDocument) doc = plt_planning_document_new ("t-nord", site, client_id);
  const char *protocols[] = { PLT_PROTOCOL_SUBPROTOCOL, NULL };
  Editor *editor = g_new0 (Editor, 1);

  editor->session = soup_session_new ();
  editor->decoder = plt_decoder_new (PLT_DECODER_FROM_SERVER);
  editor->sync = plt_planning_sync_new (doc, send_text, editor, NULL);
  g_signal_connect (editor->sync, "saved", G_CALLBACK (on_saved), editor);
  g_signal_connect (editor->sync, "conflict", G_CALLBACK (on_conflict), editor);
  g_signal_connect (editor->sync, "loaded", G_CALLBACK (on_loaded), editor);
  g_signal_connect (editor->sync, "failed", G_CALLBACK (on_failed), editor);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  soup_session_websocket_connect_async (editor->session, msg, NULL, (char **) protocols,
                                        G_PRIORITY_DEFAULT, NULL, on_connected, editor);
  g_assert_true (plt_test_ws_iterate_until (is_connected, editor, TIMEOUT_MS));
  soup_websocket_connection_send_text (editor->conn, hello);
  return editor;
}

static gboolean
is_closed (gpointer data)
{
  return soup_websocket_connection_get_state (((Editor *) data)->conn) == SOUP_WEBSOCKET_STATE_CLOSED;
}

static void
editor_free (Editor *editor)
{
  soup_websocket_connection_close (editor->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  plt_test_ws_iterate_until (is_closed, editor, TIMEOUT_MS);
  g_clear_object (&editor->sync);
  g_clear_object (&editor->conn);
  g_clear_object (&editor->session);
  g_clear_object (&editor->decoder);
  g_free (editor);
}

static gboolean
idle (gpointer data)
{
  return !plt_planning_sync_get_busy (((Editor *) data)->sync);
}

static void
wait_idle (Editor *editor)
{
  g_assert_true (plt_test_ws_iterate_until (idle, editor, TIMEOUT_MS));
}

static PltPlanningDocument *
doc_of (Editor *editor)
{
  return plt_planning_sync_get_document (editor->sync);
}

static const PltShift *
first_shift (Editor      *editor,
             const char  *agent,
             const GDate *date)
{
  PltAgentDay *day = plt_schedule_lookup (plt_planning_document_get_draft (doc_of (editor)), agent, date);

  return day != NULL && day->shifts->len > 0 ? g_ptr_array_index (day->shifts, 0) : NULL;
}

static void
create (Editor      *editor,
        const char  *agent,
        const GDate *date,
        int          hour,
        int          hours)
{
  const PltSite *site = plt_planning_document_get_site (doc_of (editor));
  g_autoptr(PltPlanningCommand) command =
    plt_planning_command_create_shift (agent, plt_site_local_time (site, date, hour * 60),
                                       plt_site_local_time (site, date, (hour + hours) * 60), NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (plt_planning_document_execute (doc_of (editor), command, &error));
  g_assert_no_error (error);
}

static void
test_two_editors (void)
{
  PltRouterOptions options = { .scenario = "demo", .speed = 1.0, .seed = 9, .demo_plan = FALSE,
                               .db_path = NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PltRouter) router = plt_router_new (&options, &error);
  g_autoptr(PltSite) site = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *sam_token = NULL;
  g_autofree char *sue_token = NULL;
  const char *nord[] = { "t-nord", NULL };
  PltWeek week = { 2026, 48 };
  Editor *sam, *sue;
  GDate mon, tue, wed;
  PltAuth *auth;

  g_assert_no_error (error);
  g_assert_true (plt_router_listen (router, "127.0.0.1", 0, &error));
  uri = plt_router_dup_uri (router);
  auth = plt_router_get_auth (router);
  plt_auth_set_hash_limits (auth, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
  g_assert_true (plt_auth_add_user (auth, "sam", PLT_ROLE_SUPERVISOR, nord, NULL, "correct horse battery", &error));
  g_assert_true (plt_auth_add_user (auth, "sue", PLT_ROLE_SUPERVISOR, nord, NULL, "correct horse battery", &error));
  sam_token = plt_auth_issue_token (auth, "sam", NULL, &error);
  sue_token = plt_auth_issue_token (auth, "sue", NULL, &error);
  g_assert_no_error (error);

  /* The router's time zone is the local one (TZ=UTC in the tests). */
  site = plt_site_new ("main", "demo", "UTC", &error);
  g_assert_no_error (error);
  plt_week_get_monday (&week, &mon);
  tue = mon;
  g_date_add_days (&tue, 1);
  wed = mon;
  g_date_add_days (&wed, 2);

  sam = editor_new (uri, sam_token, site, "sam");
  sue = editor_new (uri, sue_token, site, "sue");
  plt_planning_sync_set_online (sam->sync, TRUE);
  plt_planning_sync_set_online (sue->sync, TRUE);
  plt_planning_sync_load (sam->sync, &week);
  plt_planning_sync_load (sue->sync, &week);
  wait_idle (sam);
  wait_idle (sue);
  g_assert_cmpuint (sam->n_loaded, ==, 1);
  g_assert_cmpuint (plt_planning_document_get_agents (doc_of (sam))->len, ==, 12);

  /* Different agent-days: Sam's save goes through, Sue's meets CONFLICT,
   * merges with nothing to choose and goes through. */
  create (sam, "a-01", &mon, 8, 8);
  create (sue, "a-02", &mon, 9, 8);
  g_assert_true (plt_planning_sync_save (sam->sync, &week, &error));
  wait_idle (sam);
  g_assert_cmpuint (sam->n_saved, ==, 1);
  g_assert_cmpint (sam->last_revision, ==, 1);
  g_assert_true (plt_planning_sync_save (sue->sync, &week, &error));
  wait_idle (sue);
  g_assert_cmpuint (sue->n_conflict_signals, ==, 1);
  g_assert_cmpuint (sue->n_conflicts, ==, 0);
  g_assert_cmpuint (sue->n_saved, ==, 1);
  g_assert_cmpint (sue->last_revision, ==, 2);
  g_assert_nonnull (first_shift (sue, "a-01", &mon));   /* Sam's, merged in */
  g_assert_nonnull (first_shift (sue, "a-02", &mon));

  /* The same agent-day: a conflict, reported, never overwritten. */
  plt_planning_sync_load (sam->sync, &week);
  wait_idle (sam);
  g_assert_cmpint (plt_planning_document_get_revision (doc_of (sam), &week), ==, 2);
  {
    g_autoptr(PltPlanningCommand) a = plt_planning_command_resize_shift (first_shift (sam, "a-02", &mon)->id,
                                                                         plt_site_local_time (site, &mon, 9 * 60),
                                                                         plt_site_local_time (site, &mon, 18 * 60));
    g_autoptr(PltPlanningCommand) b = plt_planning_command_resize_shift (first_shift (sue, "a-02", &mon)->id,
                                                                         plt_site_local_time (site, &mon, 7 * 60),
                                                                         plt_site_local_time (site, &mon, 17 * 60));

    g_assert_true (plt_planning_document_execute (doc_of (sam), a, NULL));
    g_assert_true (plt_planning_document_execute (doc_of (sue), b, NULL));
  }
  g_assert_true (plt_planning_sync_save (sam->sync, &week, &error));
  wait_idle (sam);
  g_assert_cmpint (sam->last_revision, ==, 3);
  g_assert_true (plt_planning_sync_save (sue->sync, &week, &error));
  wait_idle (sue);
  g_assert_cmpuint (sue->n_conflicts, ==, 1);
  g_assert_true (plt_planning_document_has_conflicts (doc_of (sue), &week));
  g_assert_false (plt_planning_sync_save (sue->sync, &week, &error));
  g_assert_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (first_shift (sue, "a-02", &mon)->start, ==, plt_site_local_time (site, &mon, 7 * 60));

  /* Sue keeps hers, knowingly, and saves. */
  g_assert_true (plt_planning_document_resolve (doc_of (sue), "a-02|2026-11-23", PLT_MERGE_KEEP_MINE, &error));
  g_assert_no_error (error);
  g_assert_true (plt_planning_sync_save (sue->sync, &week, &error));
  wait_idle (sue);
  g_assert_cmpint (sue->last_revision, ==, 4);

  /* Offline: Sam edits, nothing is sent; back online, it is saved. */
  plt_planning_sync_load (sam->sync, &week);
  wait_idle (sam);
  plt_planning_sync_set_online (sam->sync, FALSE);
  sam->n_sent = 0;
  create (sam, "a-03", &tue, 8, 8);
  g_assert_true (plt_planning_sync_save (sam->sync, &week, &error));
  g_assert_cmpuint (sam->n_sent, ==, 0);
  plt_planning_sync_set_online (sam->sync, TRUE);
  wait_idle (sam);
  g_assert_cmpuint (sam->n_sent, >=, 1);
  g_assert_cmpint (sam->last_revision, ==, 5);
  {
    g_autoptr(GPtrArray) pending = plt_planning_document_list_pending (doc_of (sam), &week);

    g_assert_cmpuint (pending->len, ==, 0);
  }

  /* A large save, split below a small limit: several messages, one
   * revision each, everything saved. */
  plt_planning_sync_set_max_message (sam->sync, 2048);
  sam->n_sent = 0;
  {
    g_autoptr(PltShiftTemplate) tmpl = plt_shift_template_new ("d", "Day", 9 * 60, 510, NULL);
    GPtrArray *agents = plt_planning_document_get_agents (doc_of (sam));

    plt_shift_template_add (tmpl, PLT_ACTIVITY_BREAK, 120, 15, NULL);
    plt_shift_template_add (tmpl, PLT_ACTIVITY_LUNCH, 210, 60, NULL);
    plt_shift_template_add (tmpl, PLT_ACTIVITY_BREAK, 390, 15, NULL);
    for (guint a = 0; a < agents->len; a++)
      {
        g_autoptr(PltPlanningCommand) command =
          plt_planning_command_apply_template (((PltPlanningAgent *) g_ptr_array_index (agents, a))->id, &wed, tmpl);

        g_assert_true (plt_planning_document_execute (doc_of (sam), command, NULL));
      }
  }
  g_assert_true (plt_planning_sync_save (sam->sync, &week, &error));
  wait_idle (sam);
  g_test_message ("split save: %u messages", sam->n_sent);
  g_assert_cmpuint (sam->n_sent, >, 1);
  g_assert_cmpint (sam->last_revision, ==, 5 + (gint64) sam->n_sent);
  {
    g_autoptr(GPtrArray) pending = plt_planning_document_list_pending (doc_of (sam), &week);

    g_assert_cmpuint (pending->len, ==, 0);
  }

  /* Sue reloads: she sees all of it. */
  plt_planning_sync_load (sue->sync, &week);
  wait_idle (sue);
  g_assert_cmpint (plt_planning_document_get_revision (doc_of (sue), &week), ==, sam->last_revision);
  g_assert_true (plt_schedule_equal (plt_planning_document_get_draft (doc_of (sue)),
                                     plt_planning_document_get_draft (doc_of (sam))));
  g_assert_cmpuint (sam->n_failed + sue->n_failed, ==, 0);

  editor_free (sam);
  editor_free (sue);
  plt_router_stop (router);
  plt_router_wait_closed (router, TIMEOUT_MS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/planning-sync/two-editors", test_two_editors);

  return g_test_run ();
}
