#!/bin/sh
# Runs scripts the page sends over the serial console, one at a time:
#   RUN <token> <bytes>\n<bytes of shell script>
# and answers with the script's output (stdout and stderr), then a line "@@<token> <exit status>@@".
# The token is the page's, fresh for each script, so no output can pass for the end of a run.
# Raw mode: no echo, no line editing, no line-length limit, \n left alone both ways.
stty raw -echo
echo '@@AGENT@@'
while read -r verb token size; do
  case "$verb" in
    RUN)
      head -c "$size" > /tmp/job.sh
      (cd /tmp && sh /tmp/job.sh) </dev/null 2>&1
      rc=$?
      printf '\n@@%s %s@@\n' "$token" "$rc"
      ;;
  esac
done
