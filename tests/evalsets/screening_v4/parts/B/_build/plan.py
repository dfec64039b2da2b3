"""Label plan for part B, fixed before any CV text was written.

Each row: file stem, half, job key, style, seniority, format, (neighbour leans on).
"""

PLAN = [
    # news-reporter
    ("Ines_Ibarra_CV", "dev", "news-reporter", "ordinary", "junior", "pdf", ""),
    ("marek_jablonski_cv", "dev", "news-reporter", "plain", "mid", "txt", ""),
    ("Aoife_Keane_Resume", "dev", "news-reporter", "neighbour", "mid", "docx", "sub-editor"),
    ("Thandiwe_Ndlovu_CV", "test", "news-reporter", "ordinary", "senior", "docx", ""),
    ("ricardo_lopes_cv", "test", "news-reporter", "plain", "junior", "pdf", ""),
    ("Colm_OBrien_CV", "test", "news-reporter", "neighbour", "senior", "txt", "press-officer"),
    # sub-editor
    ("Harriet_Lund_CV", "dev", "sub-editor", "ordinary", "mid", "txt", ""),
    ("Dariusz_Kowalczyk_CV", "dev", "sub-editor", "plain", "senior", "pdf", ""),
    ("yuki_iwasaki_resume", "dev", "sub-editor", "neighbour", "mid", "docx", "news-reporter"),
    ("Gareth_Morgan_CV", "test", "sub-editor", "ordinary", "career_changer", "pdf", ""),
    ("Priya_Pillay_CV", "test", "sub-editor", "plain", "mid", "docx", ""),
    ("nadia_ivanova_cv", "test", "sub-editor", "neighbour", "senior", "txt", "news-reporter"),
    # press-officer
    ("Fiona_McAllister_CV", "dev", "press-officer", "ordinary", "senior", "docx", ""),
    ("chidi_okafor_cv", "dev", "press-officer", "plain", "junior", "txt", ""),
    ("Sanne_Jansen_CV", "dev", "press-officer", "neighbour", "mid", "pdf", "news-reporter"),
    ("Lucy_Parkinson_CV", "test", "press-officer", "ordinary", "junior", "txt", ""),
    ("Emre_Kaya_CV", "test", "press-officer", "plain", "mid", "pdf", ""),
    ("Bronwen_Llewellyn_CV", "test", "press-officer", "neighbour", "senior", "docx", "sub-editor"),
    # wind-turbine-technician
    ("Lars_Olsen_CV", "dev", "wind-turbine-technician", "ordinary", "mid", "txt", ""),
    ("Jamie_Murphy_CV", "dev", "wind-turbine-technician", "plain", "junior", "docx", ""),
    ("Kwame_Mensah_CV", "dev", "wind-turbine-technician", "neighbour", "career_changer", "pdf", "grid-control-engineer"),
    ("Stefan_Novak_CV", "test", "wind-turbine-technician", "ordinary", "senior", "docx", ""),
    ("tomasz_nowicki_cv", "test", "wind-turbine-technician", "plain", "mid", "txt", ""),
    ("Craig_Jardine_CV", "test", "wind-turbine-technician", "neighbour", "career_changer", "pdf", "domestic-energy-assessor"),
    # domestic-energy-assessor
    ("Paula_Mendes_CV", "dev", "domestic-energy-assessor", "ordinary", "career_changer", "docx", ""),
    ("Sharon_Lacey_CV", "dev", "domestic-energy-assessor", "plain", "mid", "pdf", ""),
    ("ewan_kerr_cv", "dev", "domestic-energy-assessor", "neighbour", "career_changer", "txt", "wind-turbine-technician"),
    ("Amira_Ibrahim_CV", "test", "domestic-energy-assessor", "ordinary", "mid", "pdf", ""),
    ("Neil_Jarvis_CV", "test", "domestic-energy-assessor", "plain", "senior", "docx", ""),
    ("olu_oyelaran_cv", "test", "domestic-energy-assessor", "neighbour", "mid", "txt", "grid-control-engineer"),
    # grid-control-engineer
    ("Helena_Lindqvist_CV", "dev", "grid-control-engineer", "ordinary", "senior", "pdf", ""),
    ("Raj_Kaur_Resume", "dev", "grid-control-engineer", "plain", "mid", "txt", ""),
    ("Mikko_Nieminen_CV", "dev", "grid-control-engineer", "neighbour", "mid", "docx", "wind-turbine-technician"),
    ("Oliver_Pritchard_CV", "test", "grid-control-engineer", "ordinary", "junior", "txt", ""),
    ("Dimitra_Papadopoulou_CV", "test", "grid-control-engineer", "plain", "senior", "pdf", ""),
    ("Kenji_Nakamura_CV", "test", "grid-control-engineer", "neighbour", "junior", "docx", "domestic-energy-assessor"),
]
