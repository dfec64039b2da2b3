"""Labels plan for part C. Written BEFORE any CV text. Do not change.

file name -> (job, style, seniority, half)
Neighbour CVs lean on the neighbour job noted in the comment.
"""

PART = "C"

PLAN = {
    # ---------------- process-engineer ----------------
    "Ciaran_Dunleavy_CV.pdf":      ("process-engineer", "ordinary", "senior", "dev"),
    "Tomasz_Wrobel_CV.txt":        ("process-engineer", "plain", "mid", "dev"),
    "Priya_Raghunathan_CV.docx":   ("process-engineer", "neighbour", "mid", "dev"),      # leans quality-engineer
    "Ewan_McAllister_CV.docx":     ("process-engineer", "ordinary", "junior", "test"),
    "Joao_Ferreira_CV.pdf":        ("process-engineer", "plain", "senior", "test"),
    "Hannah_Lindqvist_CV.txt":     ("process-engineer", "neighbour", "mid", "test"),     # leans production-planner

    # ---------------- quality-engineer ----------------
    "Sinead_Gallagher_CV.txt":     ("quality-engineer", "ordinary", "senior", "dev"),
    "Adebayo_Okonkwo_CV.pdf":      ("quality-engineer", "plain", "mid", "dev"),
    "Marek_Novak_CV.docx":         ("quality-engineer", "neighbour", "senior", "dev"),   # leans process-engineer
    "Laura_Bianchi_CV.pdf":        ("quality-engineer", "ordinary", "career-changer", "test"),
    "Rhys_Pritchard_CV.docx":      ("quality-engineer", "plain", "junior", "test"),
    "Meiling_Tan_CV.txt":          ("quality-engineer", "neighbour", "mid", "test"),     # leans production-planner

    # ---------------- production-planner ----------------
    "Gareth_Holloway_CV.docx":     ("production-planner", "ordinary", "mid", "dev"),
    "Nomvula_Dlamini_CV.txt":      ("production-planner", "plain", "mid", "dev"),
    "Stefan_Kowalczyk_CV.pdf":     ("production-planner", "neighbour", "senior", "dev"), # leans process-engineer
    "Aisling_Byrne_CV.txt":        ("production-planner", "ordinary", "junior", "test"),
    "Dmitri_Volkov_CV.pdf":        ("production-planner", "plain", "mid", "test"),
    "Fiona_Carmichael_CV.docx":    ("production-planner", "neighbour", "mid", "test"),   # leans quality-engineer

    # ---------------- store-manager ----------------
    "Olivia_Pemberton_CV.pdf":     ("store-manager", "ordinary", "senior", "dev"),
    "Rosa_Delgado_CV.docx":        ("store-manager", "plain", "mid", "dev"),
    "Jasmine_Oduya_CV.txt":        ("store-manager", "neighbour", "mid", "dev"),         # leans visual-merchandiser
    "Liam_Hartnett_CV.txt":        ("store-manager", "ordinary", "career-changer", "test"),
    "Anjali_Mehta_CV.docx":        ("store-manager", "plain", "senior", "test"),
    "Charlotte_Ashworth_CV.pdf":   ("store-manager", "neighbour", "mid", "test"),        # leans retail-buyer

    # ---------------- visual-merchandiser ----------------
    "Zoe_Whitfield_CV.docx":       ("visual-merchandiser", "ordinary", "junior", "dev"),
    "Bianca_Rossi_CV.pdf":         ("visual-merchandiser", "plain", "mid", "dev"),
    "Daniel_Ferris_CV.txt":        ("visual-merchandiser", "neighbour", "senior", "dev"), # leans store-manager
    "Maja_Johansson_CV.pdf":       ("visual-merchandiser", "ordinary", "senior", "test"),
    "Tayla_Nguyen_CV.txt":         ("visual-merchandiser", "plain", "junior", "test"),
    "Isabelle_Fournier_CV.docx":   ("visual-merchandiser", "neighbour", "mid", "test"),  # leans retail-buyer

    # ---------------- retail-buyer ----------------
    "Harriet_Lowe_CV.txt":         ("retail-buyer", "ordinary", "senior", "dev"),
    "Chidi_Eze_CV.docx":           ("retail-buyer", "plain", "mid", "dev"),
    "Sophie_Marchetti_CV.pdf":     ("retail-buyer", "neighbour", "mid", "dev"),          # leans visual-merchandiser
    "Amira_Haddad_CV.docx":        ("retail-buyer", "ordinary", "junior", "test"),
    "Grace_Mwangi_CV.pdf":         ("retail-buyer", "plain", "career-changer", "test"),
    "Ben_Carrow_CV.txt":           ("retail-buyer", "neighbour", "mid", "test"),         # leans store-manager
}
