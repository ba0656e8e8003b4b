/* plt-user-cmd.c — `plateau-router user …`: the router's accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sodium.h>

#include "plt-auth.h"
#include "plt-db.h"
#include "plt-user-cmd.h"

#define PASSWORD_BUFFER (PLT_AUTH_MAX_PASSWORD + 2)

char *
plt_user_command_default_db (void)
{
  return g_build_filename (g_get_user_data_dir (), "plateau-router", "router.db", NULL);
}

/* Reads one line into @buffer (without its newline); from the terminal
 * without echo when standard input is one. Never logged. */
static gboolean
read_secret (const char *prompt,
             char       *buffer,
             gsize       size)
{
  gboolean tty = isatty (STDIN_FILENO);
  struct termios saved, quiet;
  gboolean ok;
  gsize length;

  if (tty)
    {
      fprintf (stderr, "%s", prompt);
      fflush (stderr);
      if (tcgetattr (STDIN_FILENO, &saved) != 0)
        return FALSE;
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }

  ok = fgets (buffer, (int) size, stdin) != NULL;

  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      fprintf (stderr, "\n");
    }

  if (!ok)
    return FALSE;

  length = strlen (buffer);
  if (length > 0 && buffer[length - 1] == '\n')
    buffer[--length] = '\0';
  if (length > 0 && buffer[length - 1] == '\r')
    buffer[--length] = '\0';

  return TRUE;
}

/* The new password, asked twice on a terminal. */
static gboolean
ask_password (const char *name,
              char       *password,
              gsize       size)
{
  g_autofree char *prompt = g_strdup_printf ("New password for %s: ", name);
  char again[PASSWORD_BUFFER];
  gboolean same;

  if (!read_secret (prompt, password, size))
    {
      g_printerr ("plateau-router: no password given\n");
      return FALSE;
    }

  if (!isatty (STDIN_FILENO))
    return TRUE;

  if (!read_secret ("Again: ", again, sizeof again))
    {
      sodium_memzero (password, size);
      return FALSE;
    }
  same = strcmp (password, again) == 0;
  sodium_memzero (again, sizeof again);
  if (!same)
    {
      sodium_memzero (password, size);
      g_printerr ("plateau-router: the two passwords differ\n");
      return FALSE;
    }

  return TRUE;
}

static void
usage (void)
{
  g_printerr ("Usage:\n"
              "  plateau-router user add NAME --role ROLE [--teams T1,T2] [--agent ID] [--db FILE]\n"
              "  plateau-router user list [--db FILE]\n"
              "  plateau-router user passwd NAME [--db FILE]\n"
              "  plateau-router user remove NAME [--db FILE]\n"
              "\n"
              "Roles: agent, supervisor (needs --teams), manager, wallboard, admin.\n"
              "The password is read from the terminal without echo, or from standard input.\n");
}

int
plt_user_command (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PltDb) db = NULL;
  g_autoptr(PltAuth) auth = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *role_name = NULL;
  g_autofree char *teams_text = NULL;
  g_autofree char *agent = NULL;
  const char *verb;
  const char *name;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "The router's database", "FILE" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_name, "The role of a new user", "ROLE" },
    { "teams", 0, 0, G_OPTION_ARG_STRING, &teams_text, "The teams of a supervisor or wallboard", "T1,T2" },
    { "agent", 0, 0, G_OPTION_ARG_STRING, &agent, "The agent id of an agent account (default: NAME)", "ID" },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new ("add|list|passwd|remove [NAME]");
  g_option_context_set_summary (context, "Manage the accounts that may log in to the router.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("plateau-router user: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (argc < 2)
    {
      usage ();
      return EXIT_FAILURE;
    }

  verb = argv[1];
  name = argc > 2 ? argv[2] : NULL;

  if (db_path == NULL)
    {
      g_autofree char *dir = NULL;

      db_path = plt_user_command_default_db ();
      dir = g_path_get_dirname (db_path);
      g_mkdir_with_parents (dir, 0700);
    }

  db = plt_db_open (db_path, &error);
  if (db != NULL)
    auth = plt_auth_new (db, &error);
  if (auth == NULL)
    {
      g_printerr ("plateau-router user: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (g_str_equal (verb, "list") && argc == 2)
    {
      g_autoptr(GPtrArray) users = plt_auth_list_users (auth, &error);

      if (users == NULL)
        {
          g_printerr ("plateau-router user: %s\n", error->message);
          return EXIT_FAILURE;
        }
      for (guint i = 0; i < users->len; i++)
        {
          PltUser *user = g_ptr_array_index (users, i);
          g_autofree char *teams = g_strjoinv (",", user->teams);

          g_print ("%s\t%s\t%s\t%s\n", user->name, plt_role_to_string (user->role),
                   teams, user->agent != NULL ? user->agent : "");
        }
      return EXIT_SUCCESS;
    }

  if (name == NULL || argc != 3)
    {
      usage ();
      return EXIT_FAILURE;
    }

  if (g_str_equal (verb, "add") || g_str_equal (verb, "passwd"))
    {
      char password[PASSWORD_BUFFER];
      gboolean ok;

      if (g_str_equal (verb, "add"))
        {
          PltRole role;

          if (!plt_role_from_string (role_name, &role))
            {
              g_printerr ("plateau-router user: --role must be agent, supervisor, manager, wallboard or admin\n");
              return EXIT_FAILURE;
            }
          if (!ask_password (name, password, sizeof password))
            return EXIT_FAILURE;

          {
            g_auto(GStrv) teams = teams_text != NULL ? g_strsplit (teams_text, ",", -1) : NULL;

            ok = plt_auth_add_user (auth, name, role, (const char * const *) teams, agent, password, &error);
          }
        }
      else
        {
          if (!ask_password (name, password, sizeof password))
            return EXIT_FAILURE;
          ok = plt_auth_set_password (auth, name, password, &error);
        }

      sodium_memzero (password, sizeof password);
      if (!ok)
        {
          g_printerr ("plateau-router user: %s\n", error->message);
          return EXIT_FAILURE;
        }
      return EXIT_SUCCESS;
    }

  if (g_str_equal (verb, "remove"))
    {
      if (!plt_auth_remove_user (auth, name, &error))
        {
          g_printerr ("plateau-router user: %s\n", error->message);
          return EXIT_FAILURE;
        }
      return EXIT_SUCCESS;
    }

  usage ();
  return EXIT_FAILURE;
}
