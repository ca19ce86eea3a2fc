# The demo's charts.
#   out:           monthly NPS and monthly churn, each for all customers with
#                  its 95 % interval as a band, and by segment / by plan as
#                  lines;
#   retention_out: retention by plan (Kaplan-Meier, months after signup)
#                  with its 95 % bands, and the growth plan's cohorts before
#                  and after its price change.
#
#   gnuplot -e "nps_file='nps.dat'; churn_file='churn.dat'; out='cx_demo.png'; \
#               retention_file='retention.dat'; change_file='change.dat'; \
#               retention_out='cx_retention.png'" demo/chart.gp
#
# The data files come from demo/chart_data.sql: one block per series (in the
# first two, index 0 is all customers), each headed by "month <name> low
# high" or "age <name> low high".

set terminal pngcairo size 1200,1000 font 'DejaVu Sans,11' linewidth 1.2
set output out
set datafile separator whitespace

set xdata time
set timefmt '%Y-%m-%d'
set format x "%b\n%Y"
set xtics 3 * 30.4375 * 86400
set mxtics 3
set autoscale xfix
set grid xtics ytics lc rgb '#dddddd'
set border 3
set tics nomirror
set key outside right top vertical Left reverse noenhanced samplen 2 spacing 1.2

# Series colours: all customers in dark blue, its band light blue; the
# groups in a qualitative palette.
band = '#c6dbef'
main = '#08519c'
array colour[6] = ['#e6550d', '#31a354', '#756bb1', '#d62728', '#8c6d31', '#17becf']

set multiplot layout 2, 1 title "cx\\_metrics demo: monthly NPS and churn, 95 % intervals" font ',14'

set title 'Net Promoter Score by month: all customers (band: 95 % interval) and by segment'
set ylabel 'NPS (points)'
plot nps_file index 0 using 1:3:4 with filledcurves fc rgb band fs solid 1.0 noborder title '95 % interval', \
     nps_file index 0 using 1:2 with linespoints lw 3 pt 7 ps 0.7 lc rgb main title columnheader(2), \
     for [i=1:*] nps_file index i using 1:2 with lines lw 2 lc rgb colour[(i - 1) % 6 + 1] title columnheader(2)

set title 'Customer churn by month: all customers (band: 95 % interval) and by plan'
set ylabel 'churn (% of customers per month)'
set yrange [0:*]
plot churn_file index 0 using 1:3:4 with filledcurves fc rgb band fs solid 1.0 noborder title '95 % interval', \
     churn_file index 0 using 1:2 with linespoints lw 3 pt 7 ps 0.7 lc rgb main title columnheader(2), \
     for [i=1:*] churn_file index i using 1:2 with lines lw 2 lc rgb colour[(i - 1) % 6 + 1] title columnheader(2)

unset multiplot

# ---------------------------------------------------------------------------
# The second chart: customer lifetimes.
set output retention_out
reset
set datafile separator whitespace
set grid xtics ytics lc rgb '#dddddd'
set border 3
set tics nomirror
set key outside right top vertical Left reverse noenhanced samplen 2 spacing 1.2
set xlabel 'months after signup'
set xtics 3
set mxtics 3
set xrange [0:36]
set ylabel 'customers still active (%)'
set yrange [*:100]
set style fill transparent solid 0.25 noborder
set key inside right top

# The plans in the colours they have in the churn chart (its series 1..3).
set multiplot layout 2, 1 title "cx\\_metrics demo: customer lifetimes (Kaplan-Meier), 95 % intervals" font ',14'

set title 'Retention by plan, all signups (bands: 95 % log-log interval)'
plot keyentry with boxes fc rgb '#999999' title '95 % intervals', \
     for [i=0:*] retention_file index i using 1:3:4 with filledcurves fc rgb colour[i % 6 + 1] notitle, \
     for [i=0:*] retention_file index i using 1:2 with linespoints lw 2 pt 7 ps 0.5 \
         lc rgb colour[i % 6 + 1] title columnheader(2)

set title 'Growth plan: cohorts before and after its price change'
plot keyentry with boxes fc rgb '#999999' title '95 % intervals', \
     change_file index 0 using 1:3:4 with filledcurves fc rgb main notitle, \
     change_file index 1 using 1:3:4 with filledcurves fc rgb colour[4] notitle, \
     change_file index 0 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc rgb main title columnheader(2), \
     change_file index 1 using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc rgb colour[4] title columnheader(2)

unset multiplot
