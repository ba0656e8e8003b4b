/* test-login.c — logging in to a router that asks, with a real user, and a
 * desktop that has no keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb and its own session bus (dbus-run-session), where no
 * Secret Service runs: keeping a password must fail, say so, and let the
 * login go on. Every wait is bounded; nothing sleeps.
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "plt-client.h"
#include "plt-connection-trust.h"
#include "plt-login-dialog-private.h"
#include "plt-render.h"
#include "plt-router.h"
#include "plt-window-private.h"

#define WAIT_TIMEOUT_MS 20000
#define USER            "alice"
#define PASSWORD        "correct horse battery"

typedef gboolean (*Condition) (gpointer data);

static gboolean
wake_up_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) WAIT_TIMEOUT_MS * 1000;
  guint wake_up_id = g_timeout_add (25, wake_up_cb, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out after %u ms waiting for %s", WAIT_TIMEOUT_MS, what);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake_up_id);
}

static gboolean
deadline_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
drain (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, deadline_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  PltRouter          *router;
  char               *uri;
  GSettings          *settings;
  PltClient          *client;
  PltWindow          *window;
  PltConnectionTrust *trust;
  GPtrArray          *toasts;
} Fixture;

static GtkWindow *
parent_cb (gpointer user_data)
{
  return user_data;
}

static void
toast_cb (PltConnectionTrust *trust,
          const char         *message,
          Fixture            *f)
{
  g_ptr_array_add (f->toasts, g_strdup (message));
}

static void
start_console (Fixture *f)
{
  f->client = plt_client_new (NULL, NULL);
  f->window = g_object_ref (PLT_WINDOW (plt_window_new (NULL, NULL)));
  plt_window_set_client (f->window, f->client);
  gtk_window_present (GTK_WINDOW (f->window));
  f->trust = plt_connection_trust_new (f->client, f->settings);
  plt_connection_trust_set_parent_func (f->trust, parent_cb, f->window);
  g_signal_connect (f->trust, "toast", G_CALLBACK (toast_cb), f);
}

static void
stop_console (Fixture *f)
{
  plt_client_disconnect (f->client);
  g_signal_handlers_disconnect_by_data (f->trust, f);
  g_clear_object (&f->trust);
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain (200);
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->client);
  f->window = NULL;
  f->client = NULL;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  PltRouterOptions options = { .scenario = "demo", .speed = 1.0, .seed = 99 };
  g_autoptr(GError) error = NULL;

  /* A router that asks, with one real user (an in-memory database). */
  f->router = plt_router_new (&options, &error);
  g_assert_no_error (error);
  g_assert_true (plt_auth_add_user (plt_router_get_auth (f->router), USER, PLT_ROLE_MANAGER,
                                    NULL, NULL, PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_true (plt_router_listen (f->router, "127.0.0.1", 0, &error));
  f->uri = plt_router_dup_uri (f->router);

  f->settings = g_settings_new ("io.github.plateau.Plateau");
  f->toasts = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_settings_reset (f->settings, "login-user");
  g_clear_object (&f->settings);
  plt_router_stop (f->router);
  g_clear_object (&f->router);
  g_clear_pointer (&f->uri, g_free);
  g_ptr_array_unref (f->toasts);
}

static gboolean
state_is_needs_login (gpointer data)
{
  return plt_client_get_state (data) == PLT_CONNECTION_STATE_NEEDS_LOGIN;
}

static gboolean
client_live (gpointer data)
{
  return plt_client_get_state (data) == PLT_CONNECTION_STATE_LIVE;
}

static gboolean
has_login_dialog (gpointer data)
{
  return plt_connection_trust_get_login_dialog (data) != NULL;
}

static gboolean
no_login_dialog (gpointer data)
{
  return plt_connection_trust_get_login_dialog (data) == NULL;
}

static gboolean
dialog_not_busy (gpointer data)
{
  return !_plt_login_dialog_get_busy (data);
}

static gboolean
has_toast (gpointer data)
{
  Fixture *f = data;

  return f->toasts->len > 0;
}

static PltLoginDialog *
wait_dialog (Fixture *f)
{
  wait_until (has_login_dialog, f->trust, "the login dialog");

  return PLT_LOGIN_DIALOG (plt_connection_trust_get_login_dialog (f->trust));
}

static void
type_in (PltLoginDialog *dialog,
         const char     *user,
         const char     *password)
{
  gtk_editable_set_text (_plt_login_dialog_get_user_row (dialog), user);
  gtk_editable_set_text (_plt_login_dialog_get_password_row (dialog), password);
}

/* The flow: asked, refused with the reason, logged in ------------------------ */

static void
test_login_flow (Fixture       *f,
                 gconstpointer  data)
{
  PltLoginDialog *dialog;
  g_autofree char *saved_user = NULL;

  start_console (f);

  /* No credentials: the router asks, the console asks the supervisor. */
  plt_client_connect (f->client, f->uri);
  wait_until (state_is_needs_login, f->client, "the router to ask for a login");
  dialog = wait_dialog (f);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_cmpstr (_plt_login_dialog_get_error (dialog), ==, "The router needs you to sign in");
  /* The window waits with a way to the dialog, not a reconnection. */
  g_assert_cmpstr (_plt_window_get_page (f->window), ==, "connecting");

  /* Nothing typed: said so, nothing sent. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "login.submit", NULL));
  g_assert_cmpstr (_plt_login_dialog_get_error (dialog), ==, "Enter your user name");
  g_assert_false (_plt_login_dialog_get_busy (dialog));

  /* A wrong password: refused, in words; the dialog asks again. */
  type_in (dialog, USER, "not the password");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "login.submit", NULL));
  g_assert_true (_plt_login_dialog_get_busy (dialog));
  /* The password left the entry at once. */
  g_assert_cmpstr (gtk_editable_get_text (_plt_login_dialog_get_password_row (dialog)), ==, "");
  wait_until (dialog_not_busy, dialog, "the refusal");
  g_assert_cmpint (plt_client_get_state (f->client), ==, PLT_CONNECTION_STATE_NEEDS_LOGIN);
  g_assert_cmpstr (_plt_login_dialog_get_error (dialog), ==, "Wrong user name or password");
  g_assert_true (plt_connection_trust_get_login_dialog (f->trust) == GTK_WINDOW (dialog));
  g_assert_cmpstr (gtk_editable_get_text (_plt_login_dialog_get_user_row (dialog)), ==, USER);

  /* A picture of it, as the supervisor sees it. */
  {
    g_autoptr(GdkTexture) texture = NULL;
    g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "ui-login.png", NULL);

    gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
    texture = plt_render_widget (adw_window_get_content (ADW_WINDOW (dialog)));
    g_assert_nonnull (texture);
    g_assert_true (gdk_texture_save_to_png (texture, path));
  }

  /* The right one, remembered: live, the dialog gone, the user kept; the
   * desktop has no keyring, which a toast says, and the console goes on. */
  gtk_editable_set_text (_plt_login_dialog_get_password_row (dialog), PASSWORD);
  gtk_switch_set_active (_plt_login_dialog_get_remember_switch (dialog), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "login.submit", NULL));
  wait_until (client_live, f->client, "the login to work");
  wait_until (no_login_dialog, f->trust, "the dialog to close");
  saved_user = g_settings_get_string (f->settings, "login-user");
  g_assert_cmpstr (saved_user, ==, USER);
  g_assert_cmpstr (plt_client_get_role (f->client), ==, "manager");
  wait_until (has_toast, f, "the keyring's failure");
  g_assert_cmpstr (g_ptr_array_index (f->toasts, 0), ==, "Could not save the password: no keyring");
  g_assert_cmpint (plt_client_get_state (f->client), ==, PLT_CONNECTION_STATE_LIVE);

  stop_console (f);
}

/* Next time: the keyring first (none here), then the dialog, the user filled */

static void
test_login_next_time (Fixture       *f,
                      gconstpointer  data)
{
  PltLoginDialog *dialog;

  g_settings_set_string (f->settings, "login-user", USER);
  start_console (f);

  plt_client_connect (f->client, f->uri);
  wait_until (state_is_needs_login, f->client, "the router to ask for a login");
  dialog = wait_dialog (f);
  g_assert_cmpstr (gtk_editable_get_text (_plt_login_dialog_get_user_row (dialog)), ==, USER);
  /* The keyring gave nothing: no toast, only the dialog. */
  g_assert_cmpuint (f->toasts->len, ==, 0);

  /* Cancelled: no retry behind the supervisor's back; the banner and the
   * page offer the login again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "login.cancel", NULL));
  wait_until (no_login_dialog, f->trust, "the dialog to close");
  g_assert_cmpint (plt_client_get_state (f->client), ==, PLT_CONNECTION_STATE_NEEDS_LOGIN);
  drain (100);
  g_assert_cmpint (plt_client_get_state (f->client), ==, PLT_CONNECTION_STATE_NEEDS_LOGIN);

  plt_connection_trust_login (f->trust);
  dialog = wait_dialog (f);
  type_in (dialog, USER, PASSWORD);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "login.submit", NULL));
  wait_until (client_live, f->client, "the login to work");
  /* Not remembered: nothing to keep, nothing to say. */
  drain (100);
  g_assert_cmpuint (f->toasts->len, ==, 0);

  stop_console (f);
}

/* The demo's account, given a token: nobody is asked ----------------------- */

static void
test_token_asks_nothing (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = plt_router_create_demo_token (f->router, NULL, &error);

  g_assert_no_error (error);
  start_console (f);
  plt_client_set_token (f->client, token);
  plt_client_connect (f->client, f->uri);
  wait_until (client_live, f->client, "the demo's login");
  g_assert_null (plt_connection_trust_get_login_dialog (f->trust));

  stop_console (f);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(path, func) \
  g_test_add ("/Plateau/Login/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("flow", test_login_flow);
  ADD ("next-time", test_login_next_time);
  ADD ("token-asks-nothing", test_token_asks_nothing);

#undef ADD

  return g_test_run ();
}
