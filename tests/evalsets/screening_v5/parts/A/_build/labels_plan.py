"""Labels plan for part A. Written before any CV text; not to be changed afterwards.

Format rotation: job index i (order of JOBS), style index s (ordinary=0, plain=1, neighbour=2):
dev format = FMTS[(i+s) % 3], test format = FMTS[(i+s+1) % 3]  -> 6 txt / 6 docx / 6 pdf per half.
"""
PART = "A"
JOBS = ["analytics-engineer", "data-scientist", "bi-developer",
        "devops-engineer", "qa-automation-engineer", "android-developer"]
STYLES = ["ordinary", "plain", "neighbour"]
FMTS = ["txt", "docx", "pdf"]

# (job, half, style) -> (name stem, seniority, note on neighbour lean / country)
PEOPLE = {
    ("analytics-engineer", "dev", "ordinary"):  ("Priya_Raghunathan", "mid", "UK"),
    ("analytics-engineer", "dev", "plain"):     ("Gareth_Pryce", "career-changer", "Wales"),
    ("analytics-engineer", "dev", "neighbour"): ("Lotte_Vermeulen", "senior", "Netherlands; leans on BI (Power BI/Tableau)"),
    ("analytics-engineer", "test", "ordinary"):  ("Tomasz_Wieczorek", "junior", "Poland"),
    ("analytics-engineer", "test", "plain"):     ("Adaeze_Okonkwo", "mid", "Nigeria/UK"),
    ("analytics-engineer", "test", "neighbour"): ("Rhys_Callaghan", "mid", "Australia; leans on data science (Python/stats)"),

    ("data-scientist", "dev", "ordinary"):  ("Mei_Tan", "senior", "Singapore"),
    ("data-scientist", "dev", "plain"):     ("Joao_Ferreira", "mid", "Portugal"),
    ("data-scientist", "dev", "neighbour"): ("Hannah_Kowalczyk", "mid", "Canada; leans on analytics engineering (dbt/SQL)"),
    ("data-scientist", "test", "ordinary"):  ("Samuel_Mensah", "career-changer", "UK/Ghana"),
    ("data-scientist", "test", "plain"):     ("Ingrid_Halvorsen", "junior", "Norway"),
    ("data-scientist", "test", "neighbour"): ("Daniel_Ortega", "senior", "Spain; leans on BI (Tableau/reporting)"),

    ("bi-developer", "dev", "ordinary"):  ("Fiona_McAllister", "senior", "Scotland"),
    ("bi-developer", "dev", "plain"):     ("Olusegun_Adeyemi", "mid", "UK"),
    ("bi-developer", "dev", "neighbour"): ("Kavya_Menon", "mid", "India/UK; leans on data science (R/Python)"),
    ("bi-developer", "test", "ordinary"):  ("Ciaran_Doyle", "junior", "Ireland"),
    ("bi-developer", "test", "plain"):     ("Beatriz_Santos", "career-changer", "Brazil/UK"),
    ("bi-developer", "test", "neighbour"): ("Marcus_Lindqvist", "senior", "Sweden/UK; leans on analytics engineering (dbt/Snowflake)"),

    ("devops-engineer", "dev", "ordinary"):  ("Arjun_Bhatia", "mid", "India"),
    ("devops-engineer", "dev", "plain"):     ("Sipho_Ndlovu", "senior", "South Africa"),
    ("devops-engineer", "dev", "neighbour"): ("Elena_Popescu", "mid", "Romania; leans on QA automation"),
    ("devops-engineer", "test", "ordinary"):  ("Chloe_Brennan", "career-changer", "Ireland"),
    ("devops-engineer", "test", "plain"):     ("Diego_Ramirez", "junior", "Mexico"),
    ("devops-engineer", "test", "neighbour"): ("Yusuf_Demir", "senior", "Germany/Turkey; leans on Android development"),

    ("qa-automation-engineer", "dev", "ordinary"):  ("Niamh_Gallagher", "senior", "Northern Ireland"),
    ("qa-automation-engineer", "dev", "plain"):     ("Duc_Tran", "mid", "Vietnam"),
    ("qa-automation-engineer", "dev", "neighbour"): ("Oliver_Hartmann", "mid", "Germany; leans on DevOps (pipelines/containers)"),
    ("qa-automation-engineer", "test", "ordinary"):  ("Aisha_Bello", "junior", "Kenya"),
    ("qa-automation-engineer", "test", "plain"):     ("Grzegorz_Nowak", "career-changer", "Poland/UK"),
    ("qa-automation-engineer", "test", "neighbour"): ("Sophie_Lambert", "mid", "France/Belgium; leans on Android development"),

    ("android-developer", "dev", "ordinary"):  ("Kenji_Watanabe", "mid", "Japan/Australia"),
    ("android-developer", "dev", "plain"):     ("Amara_Nwosu", "junior", "Nigeria"),
    ("android-developer", "dev", "neighbour"): ("Lukas_Brandt", "senior", "Austria; leans on mobile QA automation"),
    ("android-developer", "test", "ordinary"):  ("Rachel_Goldberg", "senior", "USA"),
    ("android-developer", "test", "plain"):     ("Ravi_Iyer", "mid", "India"),
    ("android-developer", "test", "neighbour"): ("Freya_Johansson", "career-changer", "Sweden; leans on DevOps/build engineering"),
}


def plan():
    """Return {half: {file name: label}} and a flat list of rows."""
    out = {"dev": {}, "test": {}}
    rows = []
    for i, job in enumerate(JOBS):
        for s, style in enumerate(STYLES):
            for half, shift in (("dev", 0), ("test", 1)):
                stem, sen, note = PEOPLE[(job, half, style)]
                fmt = FMTS[(i + s + shift) % 3]
                fname = f"{stem}_CV.{fmt}"
                out[half][fname] = {"job": job, "style": style, "seniority": sen, "part": PART}
                rows.append((fname, job, style, sen, half, fmt, note))
    return out, rows


if __name__ == "__main__":
    _, rows = plan()
    for r in rows:
        print(*r, sep=" | ")
