"""Label plan for part B, written before any CV text. Do not change.

file name -> (job key, style, seniority, half)
Per job: 2 ordinary, 2 plain, 2 neighbour; each half has one of each style per job.
Formats per half: 6 .txt, 6 .docx, 6 .pdf.
"""

PART = "B"

PLAN = {
    # ---------------- dev ----------------
    # external-auditor
    "Priya_Raman_CV.docx":       ("external-auditor", "ordinary", "senior", "dev"),
    "Tomasz_Wojcik_CV.txt":      ("external-auditor", "plain", "mid", "dev"),
    "Fiona_Gallagher_CV.pdf":    ("external-auditor", "neighbour", "mid", "dev"),        # leans on tax-accountant
    # tax-accountant
    "Rebecca_Thornton_CV.pdf":   ("tax-accountant", "ordinary", "career-changer", "dev"),
    "Liam_Dunne_CV.docx":        ("tax-accountant", "plain", "junior", "dev"),
    "Graham_Whitlock_CV.txt":    ("tax-accountant", "neighbour", "senior", "dev"),       # leans on external-auditor
    # management-accountant
    "Hannah_Pritchard_CV.txt":   ("management-accountant", "ordinary", "mid", "dev"),
    "Gary_Bonner_CV.pdf":        ("management-accountant", "plain", "senior", "dev"),
    "Nadia_Siddiqui_CV.docx":    ("management-accountant", "neighbour", "mid", "dev"),   # leans on external-auditor
    # dental-nurse
    "Jade_Wilkinson_CV.docx":    ("dental-nurse", "ordinary", "junior", "dev"),
    "Maria_Popescu_CV.txt":      ("dental-nurse", "plain", "mid", "dev"),
    "Karen_Ashworth_CV.pdf":     ("dental-nurse", "neighbour", "senior", "dev"),         # leans on dental-practice-manager
    # dental-hygienist
    "Claire_Robertson_CV.pdf":   ("dental-hygienist", "ordinary", "senior", "dev"),
    "Lucy_Fenwick_CV.docx":      ("dental-hygienist", "plain", "mid", "dev"),
    "Bethany_Cole_CV.txt":       ("dental-hygienist", "neighbour", "junior", "dev"),     # leans on dental-nurse
    # dental-practice-manager
    "Nicola_Hargreaves_CV.txt":  ("dental-practice-manager", "ordinary", "mid", "dev"),
    "Sandra_Birch_CV.pdf":       ("dental-practice-manager", "plain", "senior", "dev"),
    "Leanne_Doherty_CV.docx":    ("dental-practice-manager", "neighbour", "mid", "dev"), # leans on dental-nurse

    # ---------------- test ----------------
    # external-auditor
    "Daniel_Okafor_CV.pdf":      ("external-auditor", "ordinary", "junior", "test"),
    "Megan_Hollis_CV.docx":      ("external-auditor", "plain", "senior", "test"),
    "Arjun_Mehta_CV.txt":        ("external-auditor", "neighbour", "mid", "test"),       # leans on management-accountant
    # tax-accountant
    "Siobhan_Keane_CV.txt":      ("tax-accountant", "ordinary", "senior", "test"),
    "Ana_Ferreira_CV.pdf":       ("tax-accountant", "plain", "mid", "test"),
    "Kwame_Asante_CV.docx":      ("tax-accountant", "neighbour", "mid", "test"),         # leans on management-accountant
    # management-accountant
    "Owen_Prescott_CV.docx":     ("management-accountant", "ordinary", "career-changer", "test"),
    "Chloe_Barnard_CV.txt":      ("management-accountant", "plain", "junior", "test"),
    "Vikram_Sethi_CV.pdf":       ("management-accountant", "neighbour", "mid", "test"),  # leans on tax-accountant
    # dental-nurse
    "Sophie_Delaney_CV.pdf":     ("dental-nurse", "ordinary", "career-changer", "test"),
    "Tracey_Mulholland_CV.docx": ("dental-nurse", "plain", "senior", "test"),
    "Amira_Haddad_CV.txt":       ("dental-nurse", "neighbour", "mid", "test"),           # leans on dental-hygienist
    # dental-hygienist
    "Ellie_Nguyen_CV.txt":       ("dental-hygienist", "ordinary", "junior", "test"),
    "Paula_Santos_CV.pdf":       ("dental-hygienist", "plain", "career-changer", "test"),
    "Rachel_Whitaker_CV.docx":   ("dental-hygienist", "neighbour", "mid", "test"),       # leans on dental-practice-manager
    # dental-practice-manager
    "Mark_Ellison_CV.docx":      ("dental-practice-manager", "ordinary", "career-changer", "test"),
    "Joanne_Pike_CV.txt":        ("dental-practice-manager", "plain", "mid", "test"),
    "Deepa_Nair_CV.pdf":         ("dental-practice-manager", "neighbour", "senior", "test"),  # leans on dental-hygienist
}

if __name__ == "__main__":
    from collections import Counter
    assert len(PLAN) == 36
    for half in ("dev", "test"):
        files = [f for f, v in PLAN.items() if v[3] == half]
        assert len(files) == 18, half
        print(half, Counter(f.rsplit(".", 1)[1] for f in files))
        for job in {v[0] for v in PLAN.values()}:
            styles = sorted(v[1] for f, v in PLAN.items() if v[3] == half and v[0] == job)
            assert styles == ["neighbour", "ordinary", "plain"], (half, job, styles)
    names = [f.rsplit(".", 1)[0] for f in PLAN]
    assert len(set(names)) == 36
    print("plan ok")
