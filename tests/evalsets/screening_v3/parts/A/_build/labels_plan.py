"""Label plan for part A, fixed before any CV text was written. Writes dev/ and test/ labels.json."""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
PART = HERE.parent

# (half, file, job, style, seniority)
PLAN = [
    ("dev", "Priya_Anand_CV.pdf", "hr-business-partner", "ordinary", "senior"),
    ("dev", "tomasz_bielecki_cv.txt", "hr-business-partner", "plain", "mid"),
    ("dev", "Grace_Eze_CV.docx", "hr-business-partner", "neighbour", "mid"),
    ("test", "Daniel_Fletcher_Resume.docx", "hr-business-partner", "ordinary", "mid"),
    ("test", "Margaret_Doyle_CV.pdf", "hr-business-partner", "plain", "senior"),
    ("test", "hannah_achterberg.txt", "hr-business-partner", "neighbour", "senior"),
    ("dev", "Chloe_Baptiste_CV.txt", "talent-acquisition-partner", "ordinary", "junior"),
    ("dev", "Rafael_Gutierrez_CV.docx", "talent-acquisition-partner", "plain", "mid"),
    ("dev", "Aisha_Bello_CV.pdf", "talent-acquisition-partner", "neighbour", "mid"),
    ("test", "Marcus_Holloway_Resume.pdf", "talent-acquisition-partner", "ordinary", "senior"),
    ("test", "kerryann_campbell_cv.txt", "talent-acquisition-partner", "plain", "mid"),
    ("test", "Deepak_Chaudhary_CV.docx", "talent-acquisition-partner", "neighbour", "senior"),
    ("dev", "Fiona_Gallagher_CV.docx", "payroll-specialist", "ordinary", "mid"),
    ("dev", "nomvula_dlamini_cv.txt", "payroll-specialist", "plain", "junior"),
    ("dev", "Ewan_Buchanan_CV.pdf", "payroll-specialist", "neighbour", "mid"),
    ("test", "Sandra_Eriksen_CV.txt", "payroll-specialist", "ordinary", "senior"),
    ("test", "Rosa_Ferreira_CV.pdf", "payroll-specialist", "plain", "senior"),
    ("test", "Liam_Harrington_CV.docx", "payroll-specialist", "neighbour", "junior"),
    ("dev", "Sophie_Ashworth_CV.pdf", "primary-school-teacher", "ordinary", "junior"),
    ("dev", "mariam_haddad_cv.txt", "primary-school-teacher", "plain", "mid"),
    ("dev", "Jodie_Carter_CV.docx", "primary-school-teacher", "neighbour", "junior"),
    ("test", "Owen_Davies_CV.docx", "primary-school-teacher", "ordinary", "career_changer"),
    ("test", "brigid_fahy_cv.txt", "primary-school-teacher", "plain", "senior"),
    ("test", "Tunde_Adeyemi_CV.pdf", "primary-school-teacher", "neighbour", "mid"),
    ("dev", "karen_brennan_cv.txt", "teaching-assistant", "ordinary", "mid"),
    ("dev", "Ana_Cruz_CV.pdf", "teaching-assistant", "plain", "junior"),
    ("dev", "Shabnam_Begum_CV.docx", "teaching-assistant", "neighbour", "mid"),
    ("test", "Gary_Hughes_CV.pdf", "teaching-assistant", "ordinary", "career_changer"),
    ("test", "Joanne_Dempsey_CV.docx", "teaching-assistant", "plain", "mid"),
    ("test", "ellie_bryant_cv.txt", "teaching-assistant", "neighbour", "junior"),
    ("dev", "Rachel_Gordon_CV.docx", "senco", "ordinary", "senior"),
    ("dev", "kavita_desai_cv.txt", "senco", "plain", "mid"),
    ("dev", "Andrew_Blake_CV.pdf", "senco", "neighbour", "mid"),
    ("test", "Helen_Abbott_CV.pdf", "senco", "ordinary", "mid"),
    ("test", "Catriona_Fraser_CV.docx", "senco", "plain", "senior"),
    ("test", "lorraine_gill_cv.txt", "senco", "neighbour", "senior"),
]


def main() -> None:
    for half in ("dev", "test"):
        labels = {
            name: {"job": job, "style": style, "seniority": sen}
            for h, name, job, style, sen in PLAN
            if h == half
        }
        out = PART / half / "labels.json"
        out.write_text(json.dumps(labels, indent=2) + "\n", encoding="utf-8")
        print(out, len(labels))


if __name__ == "__main__":
    main()
