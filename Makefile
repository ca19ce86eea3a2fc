# cx_metrics: PGXS build.
#
#   make / make install     build and install into the PostgreSQL that pg_config names
#   make installcheck       run the pg_regress suites against a running server
#   make test               the whole test suite on a throwaway cluster (test/run-tests.sh)
#   make bench              the benchmark on a throwaway cluster (test/bench.sh)
#   make sql                regenerate the generated install and update scripts (sqlgen/)

EXTENSION = cx_metrics
MODULE_big = cx_metrics
OBJS = \
	src/cx_metrics.o \
	src/rating_summary.o \
	src/nps.o \
	src/csat.o \
	src/ces.o \
	src/churn.o \
	src/stats.o \
	src/summary_io.o \
	src/summary_kernel.o \
	src/exact_sum.o \
	src/lifetime.o \
	src/survival.o \
	src/retention.o \
	src/timeline.o

# cx_metrics--1.1.sql and cx_metrics--1.0--1.1.sql are generated (make sql, below)
DATA = cx_metrics--1.0.sql cx_metrics--1.0--1.1.sql cx_metrics--1.1.sql
DOCS = README.md

REGRESS = setup nps_basic nps_stats nps_io nps_bad_input nps_parallel nps_window nps_rollup \
	csat ces csat_ces_bad_input csat_ces_parallel csat_ces_window csat_ces_rollup \
	churn churn_bad_input churn_cohorts churn_parallel churn_window churn_rollup \
	churn_restorable churn_text_period churn_new_customers churn_overflow \
	churn_revenue_variance \
	churn_window_refill churn_memory churn_p_value \
	rating_limits mean_stats summary_window_inexact weighted_stats weighted_format \
	retention retention_bad_input retention_parallel retention_window churn_timeline \
	churn_timeline_window
REGRESS_OPTS = --load-extension=cx_metrics

PG_CPPFLAGS = -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers
PG_CFLAGS = -std=gnu99

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(PGXS),)
include $(PGXS)
endif

# PGXS does not track header dependencies: rebuild everything when one changes
$(OBJS): $(wildcard src/*.h)

# The install script of the current version and the update script to it
# are generated from the description of the SQL surface in sqlgen/ (see
# docs/internals.md).  They are kept in the repository (PGXS installs DATA
# from the source tree); `make sql` regenerates them, and the test suite
# fails when they differ from what it would write.  cx_metrics--1.0.sql is
# released and not generated.
PYTHON ?= python3

.PHONY: sql
sql:
	$(PYTHON) sqlgen/generate.py .

.PHONY: test bench demo
test:
	test/run-tests.sh

bench:
	test/bench.sh

demo:
	demo/run.sh
