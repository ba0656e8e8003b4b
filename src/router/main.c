/* main.c — plateau-router, the routing server with its simulated call center
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib-unix.h>
#include <glib/gstdio.h>

#include "plt-router.h"
#include "plt-staffing-cmd.h"
#include "plt-user-cmd.h"

#define DEFAULT_LISTEN "127.0.0.1:8765"
#define STOP_GRACE_MS  2000

typedef struct
{
  PltRouter *router;  /* (nullable): NULL until it is made */
  GMainLoop *loop;
  gboolean stopping;
} App;

/* Installed before any long work (the warm-up, the database, the plans):
 * a SIGINT or SIGTERM that comes during the start is held by GLib, not
 * fatal, and handled as soon as the start is done, before listening. */
static gboolean
on_signal (gpointer user_data)
{
  App *app = user_data;

  if (app->stopping)
    return G_SOURCE_REMOVE;
  app->stopping = TRUE;
  g_message ("Stopping");
  if (app->router != NULL)
    {
      plt_router_stop (app->router);
      plt_router_wait_closed (app->router, STOP_GRACE_MS);
    }
  g_main_loop_quit (app->loop);

  return G_SOURCE_REMOVE;
}

/* Handles a signal that came while the main loop was not running: the
 * signal sources have a high priority, so one iteration dispatches them
 * before anything else that is ready. */
static gboolean
stop_requested (App *app)
{
  g_main_context_iteration (NULL, FALSE);
  return app->stopping;
}

/* HOST:PORT, with [IPv6]:PORT. */
static gboolean
parse_listen (const char  *text,
              char       **host,
              guint       *port,
              GError     **error)
{
  const char *colon = strrchr (text, ':');
  g_autofree char *name = NULL;
  guint64 number;

  if (colon == NULL || colon == text)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--listen expects HOST:PORT, e.g. 127.0.0.1:8765 (found “%s”)", text);
      return FALSE;
    }

  if (!g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &number, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--listen: “%s” is not a port number from 0 to 65535", colon + 1);
      return FALSE;
    }

  name = g_strndup (text, colon - text);
  if (name[0] == '[' && name[strlen (name) - 1] == ']')
    {
      char *inner = g_strndup (name + 1, strlen (name) - 2);

      g_free (name);
      name = inner;
    }

  *host = g_steal_pointer (&name);
  *port = (guint) number;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(PltRouter) router = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *scenario = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *host = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  PltRouterOptions options = { 0 };
  gboolean no_auth = FALSE;
  gboolean no_demo_plan = FALSE;
  gint heartbeat_ms = 0;
  gboolean version = FALSE;
  double speed = 1.0;
  guint64 seed;
  guint port = 0;
  App app = { 0 };
  const GOptionEntry entries[] = {
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen,
      "Where to listen (default " DEFAULT_LISTEN "; port 0 picks a free one)", "HOST:PORT" },
    { "scenario", 's', 0, G_OPTION_ARG_FILENAME, &scenario,
      "The call center to simulate: demo (default), large, or a scenario file", "demo|large|FILE" },
    { "speed", 0, 0, G_OPTION_ARG_DOUBLE, &speed,
      "Simulated seconds per real second (default 1)", "FACTOR" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      "Seed of the simulation: the same seed gives the same events (default: from the time)", "N" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      "The database of users (default: ~/.local/share/plateau-router/router.db)", "FILE" },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert,
      "Serve wss:// with this PEM certificate (and --tls-key)", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key,
      "The PEM private key of --tls-cert", "FILE" },
    { "heartbeat-ms", 0, 0, G_OPTION_ARG_INT, &heartbeat_ms,
      "Send sys.hb after this much silence (default 10000)", "MS" },
    { "no-auth", 0, 0, G_OPTION_ARG_NONE, &no_auth,
      "Let anyone connect without logging in, as an admin (for trials only)", NULL },
    { "no-demo-plan", 0, 0, G_OPTION_ARG_NONE, &no_demo_plan,
      "Do not publish a plan for today for the teams that have none", NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      "Print the version and exit", NULL },
    G_OPTION_ENTRY_NULL
  };

  setlocale (LC_ALL, "");

  /* Subcommands name themselves in their --help ("plateau-router user"). */
  if (argc > 1 && g_strcmp0 (argv[1], "staffing") == 0)
    {
      g_set_prgname ("plateau-router staffing");
      return plt_staffing_command (argc - 1, argv + 1);
    }
  if (argc > 1 && g_strcmp0 (argv[1], "user") == 0)
    {
      g_set_prgname ("plateau-router user");
      return plt_user_command (argc - 1, argv + 1);
    }

  g_set_prgname ("plateau-router");
  /* Standard output carries one line, the URL: the log goes to stderr,
   * debug and info messages included. */
  g_log_writer_default_set_use_stderr (TRUE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
    "The routing server of Plateau: a simulated call center (teams, agents, queues\n"
    "and their traffic) served to Plateau consoles over WebSocket, protocol plateau.v1.");
  g_option_context_set_description (context,
    "Examples:\n"
    "  plateau-router\n"
    "  plateau-router --listen 0.0.0.0:8765 --scenario my-centre.json\n"
    "  plateau-router --speed 20 --seed 42\n"
    "  plateau-router user add alice --role supervisor --teams t-nord\n"
    "  plateau-router staffing --calls 100 --interval-s 1800 --aht-s 180 --target-s 20 --target-sl 0.8\n"
    "  plateau-router --tls-cert cert.pem --tls-key key.pem --listen 0.0.0.0:8765\n"
    "\n"
    "Consoles log in with an account of the database (plateau-router user --help).\n"
    "Stop it with Ctrl-C. Scenario files are described in docs/scenarios.md.\n");
  g_option_context_add_main_entries (context, entries, NULL);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("plateau-router: %s\n", error->message);
      g_printerr ("Try “plateau-router --help”.\n");
      return EXIT_FAILURE;
    }

  if (version)
    {
      g_print ("plateau-router %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (argc > 1)
    {
      g_printerr ("plateau-router: unexpected argument “%s”\n", argv[1]);
      return EXIT_FAILURE;
    }

  if (!parse_listen (listen != NULL ? listen : DEFAULT_LISTEN, &host, &port, &error))
    {
      g_printerr ("plateau-router: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (seed_text != NULL)
    {
      if (!g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &seed, &error))
        {
          g_printerr ("plateau-router: --seed: %s\n", error->message);
          return EXIT_FAILURE;
        }
    }
  else
    seed = (guint64) g_get_real_time ();

  if (heartbeat_ms < 0)
    {
      g_printerr ("plateau-router: --heartbeat-ms must be positive\n");
      return EXIT_FAILURE;
    }

  /* Users live in a file by default; with --no-auth there are none. */
  if (db_path == NULL && !no_auth)
    {
      g_autofree char *dir = NULL;

      db_path = plt_user_command_default_db ();
      dir = g_path_get_dirname (db_path);
      g_mkdir_with_parents (dir, 0700);
    }

  options.scenario = scenario != NULL ? scenario : "demo";
  options.speed = speed;
  options.seed = seed;
  options.heartbeat_ms = (guint) heartbeat_ms;
  options.db_path = db_path;
  options.no_auth = no_auth;
  options.demo_plan = !no_demo_plan;
  options.tls_cert_file = tls_cert;
  options.tls_key_file = tls_key;

  if (no_auth)
    g_printerr ("plateau-router: warning: --no-auth: anyone who reaches this router sees everything "
                "and may act on every agent, without logging in\n");

  loop = g_main_loop_new (NULL, FALSE);
  app.loop = loop;
  g_unix_signal_add_full (G_PRIORITY_HIGH, SIGINT, on_signal, &app, NULL);
  g_unix_signal_add_full (G_PRIORITY_HIGH, SIGTERM, on_signal, &app, NULL);

  router = plt_router_new (&options, &error);
  if (router == NULL)
    {
      g_printerr ("plateau-router: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (stop_requested (&app))
    return EXIT_SUCCESS;
  app.router = router;

  if (!plt_router_listen (router, host, port, &error))
    {
      g_printerr ("plateau-router: %s\n", error->message);
      return EXIT_FAILURE;
    }

  uri = plt_router_dup_uri (router);
  g_print ("Listening on %s\n", uri);
  fflush (stdout);
  g_message ("Scenario %s, seed %" G_GUINT64_FORMAT ", speed %g",
             options.scenario, seed, speed);

  if (!app.stopping)
    g_main_loop_run (loop);

  return EXIT_SUCCESS;
}
