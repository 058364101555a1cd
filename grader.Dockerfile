# The container `crmlab grade --sandbox docker` (or podman) runs each submission's kernel in,
# for machines without bubblewrap (macOS, Windows):  docker build -t crmlab-grader -f grader.Dockerfile .
# It holds the course's Python environment and crmlab WITHOUT the reference answers
# (crmlab/answers) and without solutions/ or exercises/.
FROM python:3.11-slim
WORKDIR /course
COPY pyproject.toml README.md ./
COPY crmlab ./crmlab
COPY datasets ./datasets
RUN pip install --no-cache-dir ".[lab]" && rm -rf crmlab/answers \
    && rm -rf "$(python -c 'import crmlab, pathlib; print(pathlib.Path(crmlab.__file__).parent)')/answers"
ENV CRMLAB_DATA_DIR=/course/datasets
