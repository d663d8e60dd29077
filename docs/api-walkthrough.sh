#!/usr/bin/env bash
# SMM Hiring Desk API from start to verdict, with curl and the flask CLI only:
# a user and a token, a vacancy with its warnings, its PDF and JSON-LD, a trial plan,
# a candidate rated by an evaluator, and the verdict.
#
#   BASE=http://127.0.0.1:5000 docs/api-walkthrough.sh
#
# Run it from the project folder on the server (the flask CLI talks to the same database
# as the app, so give it the same DATABASE_URL and SECRET_KEY). Files go to $OUT.
set -euo pipefail

BASE=${BASE:-http://127.0.0.1:5000}
FLASK=${FLASK:-.venv/bin/flask --app app}
OUT=${OUT:-./walkthrough-files}
STAMP=$(date +%s)
ORG=${ORG:-Кофейня «Ромашка»}
HR_EMAIL=${HR_EMAIL:-hr-$STAMP@example.com}
EVALUATOR_EMAIL=${EVALUATOR_EMAIL:-lead-$STAMP@example.com}
PASSWORD=${PASSWORD:-walkthrough-$STAMP-$RANDOM$RANDOM}
API="$BASE/api/v1"
mkdir -p "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# curl with the token; JSON bodies from standard input when given "-d @-".
call() {
  local token=$1
  shift
  curl -sS --fail-with-body -H "Authorization: Bearer $token" \
    -H "Content-Type: application/json" -H "Accept-Language: en" "$@"
}
# The id at the end of the Location header of a 201 answer.
created_id() { sed -n 's#^[Ll]ocation: .*/\([0-9][0-9]*\)[[:space:]]*$#\1#p' "$1"; }
# JSON without whitespace, so the fields below can be picked out with sed.
squeeze() { tr -d ' \n\r\t' < "$1"; }

echo "== 1. A recruiter, an evaluator and their personal API tokens"
printf '%s\n' "$PASSWORD" | $FLASK users create "$HR_EMAIL" --org "$ORG" --role recruiter \
  --name "HR" --password-stdin
printf '%s\n' "$PASSWORD" | $FLASK users create "$EVALUATOR_EMAIL" --org "$ORG" \
  --role evaluator --name "Team lead" --password-stdin
HR_TOKEN=$($FLASK tokens create "$HR_EMAIL" --name walkthrough | tail -n 1)
EVALUATOR_TOKEN=$($FLASK tokens create "$EVALUATOR_EMAIL" --name walkthrough | tail -n 1)
call "$HR_TOKEN" "$API/me"
echo

echo "== 2. Compose a vacancy (duties, skills and requirements come from the role)"
call "$HR_TOKEN" -D "$WORK/headers" -o "$WORK/vacancy.json" -X POST "$API/vacancies" -d @- <<'JSON'
{
  "title": "SMM-менеджер в сеть кофеен",
  "role": "smm-manager",
  "scale": "large",
  "networks": ["vk", "telegram"],
  "intro_md": "Мы — сеть из девяти кофеен в Казани.",
  "conditions_md": "- Официальное оформление\n- Гибкое начало дня",
  "apply_md": "Пришлите резюме и портфолио на hr@example.com.",
  "workplace": "hybrid",
  "location": "Казань"
}
JSON
VACANCY=$(created_id "$WORK/headers")
echo "vacancy $VACANCY created"

echo "== 3. Its warnings (no salary given, so at least one)"
call "$HR_TOKEN" "$API/vacancies/$VACANCY" -o "$WORK/vacancy.json"
squeeze "$WORK/vacancy.json" | grep -o '"warnings":\[.*\]' | grep -o '"code":"[^"]*"' || true
squeeze "$WORK/vacancy.json" | grep -o '"quality":[0-9]*'

echo "== 4. Download the PDF and the JSON-LD"
for format in pdf jsonld; do
  call "$HR_TOKEN" -OJ --output-dir "$OUT" "$API/vacancies/$VACANCY/export?format=$format"
done
ls -l "$OUT"

echo "== 5. Build a trial plan from the vacancy, with the evaluator assigned"
call "$HR_TOKEN" -D "$WORK/headers" -o "$WORK/plan.json" -X POST \
  "$API/vacancies/$VACANCY/trial-plans" -d "{\"evaluators\": [\"$EVALUATOR_EMAIL\"]}"
PLAN=$(created_id "$WORK/headers")
PLAN_JSON=$(squeeze "$WORK/plan.json")
# Keys come sorted: a check-in is {"due_date","id","name"}; an item has "id" then "kind".
FINAL_CHECKIN=$(echo "$PLAN_JSON" | grep -o '"due_date":"[0-9-]*","id":[0-9]*,"name"' \
  | tail -n 1 | sed 's/.*"id":\([0-9]*\).*/\1/')
TASKS=$(echo "$PLAN_JSON" | grep -o '"id":[0-9]*,"kind":"task"' | sed 's/"id":\([0-9]*\).*/\1/')
echo "plan $PLAN, final check-in $FINAL_CHECKIN, tasks: $(echo $TASKS)"

echo "== 6. Put a candidate on the plan"
call "$HR_TOKEN" -D "$WORK/headers" -o /dev/null -X POST "$API/trial-plans/$PLAN/candidates" \
  -d '{"name": "Анна Петрова", "contact": "@anna"}'
CANDIDATE=$(created_id "$WORK/headers")
echo "candidate $CANDIDATE"

echo "== 7. The evaluator rates every task (2 = done well)"
RATINGS=$(for id in $TASKS; do printf '"%s": 2,' "$id"; done)
call "$EVALUATOR_TOKEN" -X POST "$API/candidates/$CANDIDATE/evaluations" \
  -d "{\"checkin\": $FINAL_CHECKIN, \"ratings\": {${RATINGS%,}}}"
echo

echo "== 8. The recruiter enters the KPI results (each goal met exactly)"
ACTUALS=$(echo "$PLAN_JSON" | grep -o '"id":[0-9]*,"kind":"kpi","target":[0-9.eE+-]*' \
  | sed 's/"id":\([0-9]*\),"kind":"kpi","target":\(.*\)/"\1": \2,/' | tr -d '\n')
call "$HR_TOKEN" -X PUT "$API/candidates/$CANDIDATE/kpi-actuals" \
  -d "{\"checkin\": $FINAL_CHECKIN, \"actuals\": {${ACTUALS%,}}}" -o /dev/null

echo "== 9. The verdict"
call "$HR_TOKEN" "$API/candidates/$CANDIDATE/score" -o "$WORK/score.json"
squeeze "$WORK/score.json" | grep -o '"verdict":[^,}]*'
squeeze "$WORK/score.json" | grep -o '"score":[^,}]*'
