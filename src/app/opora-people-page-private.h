/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the files of the Mentors and Tutors section share. */
#pragma once

#include "opora-evaluation.h"
#include "opora-people-page.h"

G_BEGIN_DECLS

/* The school years the page offers: this one, five before it and the next. */
#define YEARS_BEFORE 5
#define YEARS_AFTER  1

struct _OporaPeoplePage
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkDropDown          *year_dropdown;
  GtkStringList        *year_list;
  AdwViewStack         *view_stack;
  GtkStack             *people_stack;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *role_dropdown;
  GtkCheckButton       *archived_check;
  GtkLabel             *people_count_label;
  GtkListBox           *people_list;
  GtkLabel             *person_title;
  GtkButton            *archive_button;
  GtkLabel             *person_facts;
  GtkListBox           *assignments_list;
  GtkListBox           *evaluations_list;
  GtkBox               *bodies_box;
  GtkCheckButton       *rubrics_archived_check;
  GtkListBox           *rubrics_list;

  /* Owned */
  GPtrArray            *people;       /* OporaPerson, archived too */
  GPtrArray            *evaluations;  /* OporaEvaluation of everyone and every body, by year */
  GHashTable           *assigned;     /* person id → "\n"-joined supported schools of the year */
  GPtrArray            *rubrics;      /* OporaRubric, archived too */
  OporaPerson          *person;       /* the open one, or NULL */
  char                 *today;
  int                   first_year;   /* of year_list */
  GtkFileChooserNative *chooser;

  /* Borrowed */
  OporaDb              *db;
};

const char *opora_people_page_today           (OporaPeoplePage *self);
gboolean    opora_people_page_can_write       (OporaPeoplePage *self);
void        opora_people_page_toast           (OporaPeoplePage *self,
                                               const char      *text);
void        opora_people_page_reload          (OporaPeoplePage *self);
void        opora_people_page_show_list       (OporaPeoplePage *self);
void        opora_people_page_show_person     (OporaPeoplePage *self);
void        opora_people_page_show_bodies     (OporaPeoplePage *self);
void        opora_people_page_show_rubrics    (OporaPeoplePage *self);
const OporaEvaluation *opora_people_page_latest (OporaPeoplePage *self,
                                               gint64           person_id);
GtkWidget  *opora_people_page_evaluation_row  (OporaPeoplePage *self,
                                               const OporaEvaluation *evaluation);
void        opora_people_page_evaluate        (OporaPeoplePage *self,
                                               const OporaPerson *person,
                                               const char      *body,
                                               gint64           rubric_id,
                                               int              year);
void        opora_people_page_list_class_init    (GtkWidgetClass *widget_class);
void        opora_people_page_person_class_init  (GtkWidgetClass *widget_class);
void        opora_people_page_rubrics_class_init (GtkWidgetClass *widget_class);

G_END_DECLS
