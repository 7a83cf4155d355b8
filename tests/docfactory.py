"""Real documents for the CV and job-ad tests, made in the test run: text, PDF (with a text layer) and Word.

The PDF writer is hand-made (one Helvetica page per 50 lines, a content stream of text lines, a correct
cross-reference table): pypdf reads PDFs but cannot lay out text, and this keeps the tests free of a
PDF-making dependency. Word files come from python-docx, with list paragraphs for bullets as a person
would make them in Word.
"""

from __future__ import annotations

import io
from pathlib import Path

BULLETS = ("- ", "• ", "* ")

# -- the people -----------------------------------------------------------------------------------------

BACKEND_CV = """\
Sam Rivera
Backend Engineer · London
Backend engineer with 6 years of experience building APIs.

Experience
Senior Backend Engineer, Acme Payments (2020–2025)
- Built REST APIs with FastAPI and PostgreSQL serving 2M users
- Ran services in Docker on Kubernetes
- Set up GitHub Actions pipelines for every service
- Led the move to AWS and designed the event system on Kafka
- Wrote unit tests with pytest for the billing service

Skills
Python, Go, Git, Linux, Terraform, Redis

Interests
Ragtime piano, a legit theatre group, rock climbing
"""

ANALYST_CV = """\
Priya Shah
Data Analyst

Experience
Data Analyst, RetailCo (2021–2025)
- Analysed sales data in SQL and Excel for the buying team
- Built Tableau dashboards used by 40 store managers
- Cleaned and reshaped survey data with pandas
- Ran A/B tests on the checkout page with the product team

Education
BSc Economics; course in statistics

Skills
SQL, Excel, Tableau, Python (basic), PowerPoint
"""

PHD_CV = """\
Dr. Alex Chen
PhD in Applied Statistics, University of Leeds (2019–2024)

Research experience
- Designed Bayesian hierarchical models and the statistical analysis of clinical trials
- Wrote simulation studies in R and Python (4 years)
- Published three peer-reviewed papers as first author
- Read and reviewed papers for two journals
- Taught linear algebra and probability to undergraduates

Skills
Python, LaTeX, MATLAB
I am learning PyTorch and have no experience with Docker.
"""

#: What each CV shows: skill -> level, by the rule (mentioned 1, bullet 2, years/led/designed 3).
BACKEND_EXPECTED = {
    "sql": 2,  # "- Built REST APIs with FastAPI and PostgreSQL"
    "apis": 3,  # "Backend engineer with 6 years of experience building APIs."
    "docker": 2,
    "kubernetes": 2,
    "ci-cd": 2,  # GitHub Actions
    "cloud": 3,  # "Led the move to AWS" (led)
    "data-pipelines": 3,  # Kafka, on the same led/designed line
    "testing": 2,  # unit tests, pytest
    "python": 1,  # the skills list
    "git": 1,
    "linux": 1,
}
ANALYST_EXPECTED = {
    "sql": 2,
    "data-wrangling": 2,  # Excel, pandas
    "data-visualization": 2,  # Tableau dashboards
    "experiment-design": 2,  # A/B tests
    "statistics": 1,  # "course in statistics"
    "python": 1,  # "Python (basic)"
}
PHD_EXPECTED = {
    "statistics": 3,  # "Designed ... the statistical analysis": designed
    "python": 3,  # "(4 years)"
    "research-writing": 2,  # peer-reviewed, first author
    "research-papers": 2,  # "Read and reviewed papers for two journals"
    "linear-algebra": 2,
    "calculus-probability": 2,
    "pytorch": 1,  # learning: at most 1
}

BACKEND_AD = """\
# Senior AI Engineer — Payments Assistant

About the role
You will build LLM features into our payments platform.

Must have
- Strong Python and 5+ years building production APIs
- Hands-on experience with RAG and vector search (pgvector or Pinecone)
- Experience with LLM evaluation and prompt engineering
- Docker and CI/CD

Nice to have
- Familiarity with Kubernetes
- LangGraph or other agent frameworks

What we offer
Learning budget for Coursera courses, Python conferences and more.
"""

ANALYST_AD = """\
Data Scientist, Growth
Requirements:
- Expert SQL and strong statistics
- Experience designing A/B tests and experiments
- Python with pandas; dashboards in Tableau or Looker
Bonus:
- Familiar with machine learning (scikit-learn)
"""

PHD_AD = """\
Research Scientist, Foundation Models
You have:
- A PhD and a publication record at NeurIPS, ICML or ICLR (peer-reviewed papers)
- Deep expertise in deep learning and transformer architectures
- Strong PyTorch; experience with multi-GPU training
Preferred:
- Experience with RLHF or fine-tuning large language models
"""


# -- writers ----------------------------------------------------------------------------------------------


def _pdf_escape(text: str) -> bytes:
    data = text.encode("cp1252", errors="replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_bytes(text: str, lines_per_page: int = 50) -> bytes:
    """A valid PDF whose pages show ``text``'s lines in Helvetica (a text layer pypdf extracts)."""
    lines = text.splitlines() or [""]
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    objects: list[bytes] = []
    n_pages = len(pages)
    # 1 catalog, 2 pages, 3 font, then for each page: page object, content stream
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, page in enumerate(pages):
        body = b"BT /F1 10 Tf 14 TL 40 800 Td\n" + b"".join(b"(" + _pdf_escape(line) + b") Tj T*\n" for line in page)
        body += b"ET"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length " + str(len(body)).encode() + b" >>\nstream\n" + body + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def docx_bytes(text: str) -> bytes:
    """A Word document: headings and plain lines as paragraphs, bulleted lines as Word list items."""
    import docx

    document = docx.Document()
    for line in text.splitlines():
        bullet = next((b for b in BULLETS if line.startswith(b)), None)
        if bullet is not None:
            document.add_paragraph(line[len(bullet) :], style="List Bullet")
        else:
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write(directory: Path, stem: str, text: str, kind: str) -> Path:
    """``text`` written as ``stem.txt``, ``stem.pdf`` or ``stem.docx`` in ``directory``."""
    path = directory / f"{stem}.{kind}"
    if kind == "pdf":
        path.write_bytes(pdf_bytes(text))
    elif kind == "docx":
        path.write_bytes(docx_bytes(text))
    else:
        path.write_text(text, encoding="utf-8")
    return path
