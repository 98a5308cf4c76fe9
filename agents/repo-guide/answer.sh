#!/bin/sh
# Example agent for the embedded runtime (agents/agents.yaml): answers questions about the repository it runs in
# from `git log` and `git status`. Read-only and harmless. The question arrives on standard input and is only
# matched against a few words, never executed or expanded.
set -u

question=$(cat | tr '[:upper:]' '[:lower:]')

if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "I am not inside a git repository, so I cannot tell you about recent work."
    exit 0
fi

recent_commits() {
    if git rev-parse --verify --quiet HEAD >/dev/null; then
        echo "The latest commits on $(git rev-parse --abbrev-ref HEAD) are:"
        git log --no-decorate --format='- %s (%an, %ar)' -5
    else
        echo "This repository has no commits yet."
    fi
}

working_tree() {
    changes=$(git status --short)
    if [ -z "$changes" ]; then
        echo "The working tree is clean: nothing is uncommitted."
    else
        echo "There are $(printf '%s\n' "$changes" | wc -l | tr -d ' ') uncommitted change(s):"
        printf '%s\n' "$changes"
    fi
}

case "$question" in
    # "uncommitted" contains "commit": the working-tree words go first.
    *status*|*uncommitted*|*dirty*|*clean*)
        working_tree ;;
    *commit*|*log*|*recent*|*history*|*last*|*changed*)
        recent_commits ;;
    *)
        recent_commits
        working_tree ;;
esac
