/* fuzz-replay.c — runs a fuzz target over files, without libFuzzer
 *
 * Linked with a target's LLVMFuzzerTestOneInput(), it feeds it every file
 * named on the command line, and every file in every directory named, in
 * name order, and prints TAP: one test point per file. This is how the seed
 * corpus and the inputs that once crashed (tests/fuzz/corpus/) run in every
 * build, with any compiler, as regression tests.
 *
 * Usage: fuzz-replay-TARGET PATH...
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
collect (GPtrArray  *files,
         const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    {
      printf ("Bail out! %s\n", error->message);
      exit (1);
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (files, g_build_filename (path, name, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  for (int i = 1; i < argc; i++)
    collect (files, argv[i]);

  g_ptr_array_sort (files, compare_paths);

  printf ("1..%u\n", files->len);
  if (files->len == 0)
    {
      printf ("Bail out! no input files\n");
      return 1;
    }

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *base = g_path_get_basename (file);
      gsize length = 0;

      if (!g_file_get_contents (file, &contents, &length, &error))
        {
          printf ("not ok %u - %s: %s\n", i + 1, file, error->message);
          continue;
        }

      /* A crash or a failed check aborts here, with the file named above. */
      printf ("# %s\n", file);
      fflush (stdout);
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
      printf ("ok %u - %s\n", i + 1, base);
    }

  return 0;
}
