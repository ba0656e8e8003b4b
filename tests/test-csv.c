/* test-csv.c — RFC 4180 written and read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "plt-csv.h"

static void
test_round_trip (void)
{
  const char * const rows[][4] = {
    { "Figure", "Camille Martin", "Team average", "Target" },
    { "Average handle time", "4:11", "3:58", "5:00" },
    { "With, a comma", "with \"quotes\"", "two\r\nlines", "" },
    { "Équipe Nord · 12 %", "—", "a\nb", "\"" },
  };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *fields[5] = { rows[i][0], rows[i][1], rows[i][2], rows[i][3], NULL };

      plt_csv_append_row (out, fields);
    }

  /* CRLF after every record; quoted only where needed. */
  g_assert_true (g_str_has_prefix (out->str, "Figure,Camille Martin,Team average,Target\r\n"));
  g_assert_nonnull (strstr (out->str, "\"With, a comma\",\"with \"\"quotes\"\"\",\"two\r\nlines\",\r\n"));
  g_assert_true (g_str_has_suffix (out->str, "\r\n"));

  records = plt_csv_parse (out->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, G_N_ELEMENTS (rows));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GStrv record = g_ptr_array_index (records, i);

      g_assert_cmpuint (g_strv_length (record), ==, 4);
      for (guint j = 0; j < 4; j++)
        g_assert_cmpstr (record[j], ==, rows[i][j]);
    }
}

static void
test_parse_rules (void)
{
  g_autoptr(GPtrArray) last = NULL;
  g_autoptr(GPtrArray) bad = NULL;
  g_autoptr(GError) error = NULL;

  /* A last record without its CRLF, and empty fields. */
  last = plt_csv_parse ("a,,c\r\n,\"\",x", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (last->len, ==, 2);
  g_assert_cmpstr (((GStrv) g_ptr_array_index (last, 0))[1], ==, "");
  g_assert_cmpstr (((GStrv) g_ptr_array_index (last, 1))[2], ==, "x");

  bad = plt_csv_parse ("\"never closed", &error);
  g_assert_null (bad);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (plt_csv_parse ("\"closed\"then text", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Plateau/Csv/round-trip", test_round_trip);
  g_test_add_func ("/Plateau/Csv/parse-rules", test_parse_rules);

  return g_test_run ();
}
