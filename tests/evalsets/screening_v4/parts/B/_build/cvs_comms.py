"""CV texts, journalism/communications family. '# ' = heading, '- ' = bullet, first line = name."""

CVS = {}

CVS["Ines_Ibarra_CV"] = """Ines Ibarra
Leeds, UK | ines.ibarra@mail.example | 07700 900112

# Profile
Trainee reporter with an NCTJ Diploma (gold standard, 100wpm Teeline shorthand) and eighteen months on a busy weekly. I find my own stories, I enjoy court and council work, and I want to move to a daily newsroom where I can break news every day.

# Experience
# Trainee Reporter, Aire Valley Gazette (weekly), March 2025 - present
- Cover two district councils, magistrates' court and the coroner's court; around six page leads a week
- Broke the story of a care home closure after building contacts with staff and families; picked up by regional TV
- Submitted 14 Freedom of Information requests; three became front-page exclusives
- File breaking news to the website and Facebook from the scene, with phone photos and short vertical video
- Check copy against reporting restrictions (Section 45 youth anonymity, contempt) with the news editor

# Work experience placements
- Yorkshire Evening Post, two weeks, 2024: crime desk, vox pops, rewrites of police appeals
- Student radio news editor, Leeds Trinity University, 2022-2023

# Education
- NCTJ Diploma in Journalism, 2024 (media law and regulation, public affairs, shorthand 100wpm)
- BA (Hons) Journalism, Leeds Trinity University, 2024, 2:1

# Skills
News writing, interviewing, court reporting, media law, shorthand, FOI, Canva, Adobe Premiere Rush, WordPress, full driving licence.
"""

CVS["marek_jablonski_cv"] = """Marek Jablonski
Swindon | marek.jablonski@post.example | 07700 900187

About me
I am from Poland and I live in England nine years. For the last five years I work for a local paper in the town, first only for the Polish-language pages, now for the main paper in English. My job is to find out what is happening in the town and to tell people about it, fast and correct.

What I do every day
- I go to the court in the morning and sit in the cases, then I write what happened for the website before lunch.
- I go to the meetings of the town hall where they decide about roads, schools, rubbish collection, and I explain it for normal readers.
- When there is a fire or accident or police are somewhere, I go there, I talk with people who saw it and I send the first lines to the office from my phone, then more later.
- I have many people who call me when something happens: a school head teacher, two taxi drivers, a man from the bus company, shop owners, the Polish church, some police officers (they tell me only what they can).
- I ask the council for documents they must give to the public and I read them to find the story. One time I found they paid too much for a car park, that was on the first page for three days.
- I write around 25 short and long stories each week. My editor says my writing is clean, but sometimes he fix my articles "a" and "the".

Before
2016-2020 Warehouse team leader, Swindon. In free time I wrote for a Polish community website.

Education
Master degree in Polish Philology, University of Wroclaw (2014). Evening course in journalism at a local college (2019).

Languages: Polish, English, some Russian. I have driving licence and my own car.
"""

CVS["Aoife_Keane_Resume"] = """Aoife Keane
Cork, Ireland | aoife.keane@inbox.example | +353 21 555 0143

# Summary
Reporter on the news team of the Munster Examiner Online since 2024, covering Cork City Council and the District Court. Before that I spent five years on the production desk, so my copy arrives clean, to length and legally safe. My goal is a staff News Reporter post where I can own a patch and chase original stories.

# Current role
# Reporter, Munster Examiner Online, May 2024 - present
- Own the council and courts patch: attend full council, planning committee and District Court sittings and file same-day
- Find my own stories through contacts in housing charities, residents' associations and the Gardaí press line; about half my output is off-diary
- Broke the story of a delayed €40m flood-defence scheme from council minutes and a follow-up FOI request

# Previous roles
# Sub-Editor, Munster Examiner (print and online), 2019 - 2024
- Subbed news and features copy to house style: trimmed to length, rewrote intros, checked names, figures and spellings
- Wrote headlines, standfirsts, captions and SEO titles; A/B tested web headlines in the CMS
- Laid out news pages in Adobe InDesign and sent final pages to the printer; proofread PDFs on the late shift
- Flagged defamation and contempt risks to the night editor and to the paper's solicitors
- Maintained the house style guide and ran short workshops for trainees on tighter writing

# Production Assistant, Corkman Weekly, 2018 - 2019
- Proofreading, page checks, listings and reader letters

# Education
- Higher Diploma in Journalism, University College Cork, 2018
- BA English and History, University of Galway, 2017

# Skills
Copy editing, proofreading, headline writing, InDesign, WordPress, house style, media law (Defamation Act 2009, contempt), reporting, interviewing, shorthand 80wpm (improving)
"""

CVS["Thandiwe_Ndlovu_CV"] = """Thandiwe Ndlovu
Johannesburg, South Africa | thandi.ndlovu@news.example | +27 11 555 0178

# PROFESSIONAL SUMMARY
Senior news reporter with 14 years in daily newsrooms, specialising in courts, public accountability and investigations. Known for original stories, a deep contacts book and accurate, fast copy under pressure. I mentor younger reporters and lead on big breaking stories. I am now looking for a senior reporting post with a regional daily in the UK, where my partner has relocated.

# EXPERIENCE
# Senior Reporter, The Highveld Daily, 2017 - present
- Lead court reporter: covered state-capture hearings, high-profile murder trials and inquests, filing live updates and full reports the same day
- Broke more than 40 front-page exclusives, including irregular municipal tenders uncovered through PAIA (access to information) applications and leaked documents
- Coordinate the newsroom's breaking news response on major incidents: assign reporters, verify social media footage and file from the scene
- Cover council meetings across three metros, translating budgets and by-laws into stories readers care about
- Mentor four junior reporters on interviewing, verification, ethics and media law
- Regular guest on community radio and the paper's news podcast

# Reporter, Soweto Voice, 2011 - 2017
- General news: crime, housing, service delivery protests, local government and schools
- Built a network of community contacts - taxi associations, ward councillors, clinic staff, church leaders - that still feeds stories today
- Doorstepped officials and families in sensitive situations, including after the 2014 building collapse
- Shot photos and short video for the website when no photographer was available

# Intern, Daily Dispatch, East London, 2010
- Rewrites, vox pops, court lists, night police calls

# SELECTED STORIES
- "The R300m toilet contract": six-part series on inflated sanitation tenders, leading to a municipal manager's suspension (2022)
- Live reporting of the Life Esidimeni arbitration hearings (2017-2018)
- Exclusive interview with a whistleblower on police recruitment fraud (2020)

# EDUCATION
- BA Journalism, Rhodes University, 2010
- Press Council of South Africa code and media law courses, 2015 and 2021
- Shorthand: own system based on Pitman, about 90wpm

# AWARDS
- Regional finalist, Standard Bank Sikuvile Journalism Awards, news category, 2019
- Newsroom "Scoop of the Year", The Highveld Daily, 2021

# SKILLS
News writing, investigations, court reporting, interviewing, access to information requests, verification, breaking news, mobile journalism, social media, WordPress, isiZulu, Sesotho, English. Driving licence (South African, convertible).
"""

CVS["ricardo_lopes_cv"] = """RICARDO LOPES
Newark, NJ, USA | rlopes@mailbox.example | (973) 555-0164

WHAT I DO
I tell my neighborhood what is going on in it. For two years I have done this for a small community paper and website that serves the Ironbound, where a lot of people read in Portuguese and Spanish as well as English.

WORK
Community paper (part time then full time), 09/2024 - now
- I walk the neighborhood every morning and ask shop owners, church people and parents what is new. Most of my pieces start there.
- I sit in the city council and school board meetings and write what was decided and who it affects, in short plain articles the same night.
- When something happens (a fire on Ferry Street, a building evacuated, a bus crash) I go, talk to the people standing there, take pictures with my phone and send the first short piece to our website in under an hour. Then I call the fire department and the city for the official numbers.
- I got hold of the city's inspection records for restaurants by asking formally and waiting 3 months. My piece on it was the most read thing we published that year.
- I write about 10-15 pieces a week, from 150 words to 1,200.

Delivery driver, 2022-2024. I started writing for the paper for free on weekends.

SCHOOL
Associate degree, Essex County College, 2022. One evening class at Rutgers-Newark (2023).

LANGUAGES
Portuguese, English, Spanish.
"""

CVS["Colm_OBrien_CV"] = """COLM O'BRIEN
Belfast BT7 | colm.obrien@letters.example | 07700 900145

CURRENT ROLE
Senior Reporter, Belfast Evening Record, since Jan 2024. I left public relations after a decade to return to the newsroom, and I want to stay here: finding and breaking stories, not managing them.

WHAT I DO NOW
- Own the Stormont and local government patch: committee hearings, council meetings, inquests
- Chase and break stories - recent exclusives on hospital waiting lists and a stalled housing scheme, both from my own sources
- Doorstep, interview and file from court and scene to deadline, web first, then print
- Use FOI requests and council papers to find stories that press offices would rather I didn't

BEFORE THAT (PR AND COMMS)
Head of Media Relations, Lagan Valley Council, 2017-2023
- Ran the council press office: handled 1,200+ media enquiries a year, drafted reactive statements and holding lines
- Wrote and distributed press releases, organised photocalls and ministerial visits
- Media-trained councillors and senior officers; briefed spokespeople before broadcast interviews
- Led crisis communications during the 2021 flooding response; agreed messages with emergency services
- Media monitoring and evaluation reports using Meltwater; stakeholder comunications plans
Press Officer, Ulster Arts Trust, 2013-2017
- Press releases, media relations, campaigns, event publicity, social media

EARLIER
Reporter, Down County News, 2008-2013 (weekly: courts, councils, farming)

EDUCATION
NCTJ Diploma, Belfast Metropolitan College, 2008. CIPR Diploma, 2016.
Shorthand 100wpm (refreshed 2023).
"""

CVS["Harriet_Lund_CV"] = """Harriet Lund
Bristol | harriet.lund@page.example | 07700 900131

SKILLS
- Copy editing and rewriting for print and web
- Headlines, standfirsts, captions, SEO titles
- Adobe InDesign (page make-up), InCopy, WordPress, Arc XP
- House style (Guardian and AP style guides, plus in-house)
- Media law: defamation, contempt of court, privacy, IPSO Editors' Code
- Fact-checking, proofreading, page proofs

EXPERIENCE

Sub-Editor, Severn Weekly Group (three weekly titles and a news website) - 2021 to now
- Sub 30-40 stories per shift for print and web: cut to fit, check facts and spelling, tighten intros, rewrite where needed
- Write headlines and standfirsts; my web headlines regularly top the most-read list
- Build news and sport pages in InDesign and close the late edition
- Spot legal problems and refer them to the editor; helped avoid a contempt risk in a live murder trial
- Updated the group's house style guide in 2023

Production Journalist, Cotswold Life Magazine - 2019 to 2021
- Subbed features, checked captions and credits, proofread final pages before print

EDUCATION
MA Magazine Journalism, Cardiff University, 2019 (NCTJ accredited; 60/60 media law)
BA English Literature, University of Exeter, 2018
"""

CVS["Dariusz_Kowalczyk_CV"] = """Dariusz Kowalczyk
Gdansk, Poland / London | d.kowalczyk@post.example | 07700 900158

Summary
Twenty years making other people's writing ready for readers. I was the last pair of eyes before a newspaper or magazine went out. Now I look for the same kind of work with an English-language publisher.

Experience

Baltic Morning (daily paper, Gdansk), 2009-2024 - "night desk", later leading it
- Every evening the writers sent me their articles. I read each one, made it the right length for the space, corrected mistakes in grammar and spelling, and checked that names, ages, dates and numbers were true.
- I wrote the big lines on top of the articles and the short text under the photos, so people want to read.
- I put the articles on the pages on the computer and sent the finished pages to the printing house at midnight.
- When an article could bring us to court (saying bad things about a person without proof, or about a court case still running) I stopped it and called the editor.
- I kept the paper's rules book for how we write numbers, foreign names, titles, and I taught the young people.
- From 2016 I led a team of six.

English edition of a travel magazine, 2005-2009 - correcting and shortening English texts, checking the last printed version.

Education
Master in English Philology, University of Gdansk, 2004.
Proficiency in English (CPE), 2005.

Languages
Polish (native), English (very good), German (good).
"""

CVS["yuki_iwasaki_resume"] = """Yuki Iwasaki
Vancouver, BC, Canada | yuki.iwasaki@desk.example | 604-555-0119

Objective
Production editor on the night desk since last year; looking for a permanent Sub-Editor / copy editor position on a daily news desk. Seven years as a reporter taught me what a story needs; now I make sure it reads right.

Current
Night Copy Editor (sub-editor), Pacific Coast Times, 09/2025 - present
- Edit and fact-check reporters' copy for print and web, cut to fit, and write headlines, decks and cutlines
- Lay out A-section pages and proof final pages before they go to press
- Apply CP style and the paper's stylebook; flag legal and accuracy issues to the night editor

Reporting career
Reporter, Pacific Coast Times, 2021 - 2025
- City hall and courts reporter: covered council votes, police board meetings and B.C. Supreme Court trials
- Broke stories on the city's housing permits backlog and a police overtime scandal using FOI requests and my own sources
- Interviewed witnesses, victims' families and politicians; filed breaking news from the scene on deadline
- Built a contacts book of 300+ people across city hall, the police, unions and community groups
- Covered elections live, shooting photos and short video on my phone

General Assignment Reporter, Richmond Weekly News, 2018 - 2021
- Community news, crime, council, features; doorstepping and court coverage

Education
Bachelor of Journalism, Toronto Metropolitan University, 2018

Skills
Reporting, interviewing, court reporting, FOI requests, breaking news, copy editing, headline writing, CP style, Adobe InDesign, WordPress, Japanese (fluent)
"""

CVS["Gareth_Morgan_CV"] = """Gareth Morgan
Swansea | gareth.morgan@inbox.example | 07700 900163

Profile
Former secondary-school English teacher (12 years) who has retrained for a career on the subs' desk. Since 2024 I have worked as a freelance and then staff sub-editor. I bring precise grammar, calm under deadline and a teacher's habit of explaining edits clearly.

Sub-Editing Experience
Sub-Editor, West Wales News Group, Sept 2025 - present
- Subbing news, sport and features copy for two weekly titles and the website: cutting, checking facts and names, applying house style
- Writing headlines, standfirsts, captions and SEO titles in the CMS (WordPress)
- Building pages in InDesign; proofreading page PDFs on press day
- Referring possible defamation and contempt issues to the editor

Freelance Copy Editor / Proofreader, 2024 - 2025
- Copy editing for a university press and two charity magazines; fact-checking and style-sheet work

Previous Career
Teacher of English, Ysgol Bryn Tawe and Olchfa School, 2012 - 2024
- Head of KS4 English; exam marking for WJEC; edited the school magazine

Training and Education
- NCTJ Certificate in Sub-editing and Production, 2024
- NCTJ Essential Media Law, 2024
- PGCE Secondary English, Swansea University, 2012
- BA English Language, Cardiff University, 2011

Skills: copy editing, proofreading, headlines, InDesign, WordPress, house style, media law, Welsh (fluent).
"""

CVS["Priya_Pillay_CV"] = """Priya Pillay
Durban / Manchester | priya.pillay@words.example | 07700 900174

# About me
I'm the person who makes articles ready to publish. Writers hand me their pieces and I make them clear, correct, the right length and safe to print. I have done this for six years for a group of lifestyle and business magazines and I'd like to do it for news.

# Work
# Text editor, Sunstone Magazines (Manchester), 2022 - now
- Read every article before it goes out, about 25 a week: fix grammar and spelling, cut words when a piece is too long, move the best part to the top when the writer has hidden it
- Check that every name, price, date and quote is right by going back to the source or the writer
- Write the titles and the short line under them, plus the little text that goes with each photo
- Fit the articles into the magazine pages on the computer and check the printed test pages before they go to the printer
- Keep our list of "how we write things" (numbers, dates, company names) and remind writers of it
- Tell the editor when a piece says something about a person or company that we may not be able to back up

# Editorial assistant, Coastal Business Review (Durban), 2019 - 2022
- Checking and correcting articles, updating the website, writing short news items

# Education
BA (Hons) English and Media, University of KwaZulu-Natal, 2018
"""

CVS["nadia_ivanova_cv"] = """NADIA IVANOVA
Sofia / London | n.ivanova@mail.example | 07700 900102

DEPUTY CHIEF SUB-EDITOR, WORLD DESK, The Meridian (international news site and weekly print edition), 2022-present
My job now: I run the late production shift. I edit and rewrite foreign correspondents' copy, write and approve headlines and standfirsts, check facts and legal risk, and sign off pages before print. I want to continue on the production side as a chief sub.
- Edit 40-60 stories per shift to house style; manage a team of four subs
- Final legal read on sensitive stories; liaise with the duty lawyer
- Revised the world desk's style guide for transliteration of names

EARLIER: FIFTEEN YEARS AS A REPORTER AND CORRESPONDENT
Balkans Correspondent, The Meridian, 2014-2022
- Reported from Bulgaria, North Macedonia, Serbia and Kosovo: elections, protests, corruption trials, refugee crossings
- Broke stories on EU funds fraud using leaked documents and freedom-of-information requests in three countries
- Interviewed prime ministers, witnesses, smugglers and refugees; filed breaking news from the scene and long reads
- Developed a network of sources in government, police, courts and NGOs; verified user footage
Reporter, Sofia Daily News (English-language), 2009-2014
- Courts, crime, city hall, general news; daily deadlines, shorthand notes, doorstepping

EDUCATION
MA Journalism, Goldsmiths, University of London, 2009
BA English Philology, Sofia University, 2008

LANGUAGES
Bulgarian, English, Russian, Serbian/Macedonian (working)

SKILLS
Reporting, investigations, interviewing, foreign news, verification, copy editing, headline writing, house style, legal checks, InDesign, CMS
"""

CVS["Fiona_McAllister_CV"] = """Fiona McAllister
Glasgow | fiona.mcallister@comms.example | 07700 900126

# Profile
Senior Press Officer with eleven years in public-sector press offices, most recently in the NHS. I run a busy press desk, write releases that get picked up, prepare spokespeople for tough interviews and keep a cool head in a crisis. Chartered PR practitioner (CIPR).

# Experience
# Senior Press Officer, NHS Clydeside Health Board, 2019 - present
- Lead a press desk of three handling 2,500+ media enquiries a year from local, national and trade press and broadcasters
- Draft press releases, reactive statements and holding lines; clear them with clinical, legal and executive colleagues within deadline
- Brief and media-train consultants, nurses and the chief executive before TV and radio interviews
- Managed media handling for a major ransomware incident, a winter pressures emergency and two public inquiries
- Organise photocalls, ministerial visits and hospital openings
- Daily media monitoring and monthly coverage evaluation with Meltwater; share insight with the board
- Member of the out-of-hours on-call rota

# Press Officer, Glasgow City Council, 2014 - 2019
- Media relations for education, social work and roads; pitched positive stories and handled issues
- Worked with the social media team on campaign launches

# Education and training
- Chartered PR Practitioner, CIPR, 2022; CIPR Diploma in Public Relations, 2016
- MA (Hons) Politics, University of Glasgow, 2013

# Skills
Press releases, media relations, crisis and issues communications, spokesperson briefing, stakeholder communications, Meltwater, Cision, social media, patient confidentiality.
"""

CVS["chidi_okafor_cv"] = """Chidi Okafor
Lagos / Birmingham | chidi.okafor@post.example | 07700 900191

ABOUT
Graduate, one year working for a housing charity, in the small team that deals with newspapers and radio. I like words and people, and I like the pace of news. I want a job where I deal with journalists every day.

WHAT I DO AT THE CHARITY (2025 - now)
- When a journalist rings or emails with a question, I find out the facts from the right manager, write a short answer that the director agrees, and send it back before their deadline.
- I write the short news stories we send out to newspapers and radio when we open a new project or publish a report, and I follow up with phone calls to reporters so they cover it.
- When something bad happened (a fire in one of our hostels) I helped write what we would say, kept the answer the same for everyone, and kept a log of who asked what.
- I help our chief executive get ready before she goes on local radio: likely questions, key points, facts and numbers on one page.
- Every morning I read the papers and websites and tell the team where we were mentioned, good or bad. I keep a spreadsheet of all the coverage.
- I arrange for photographers and reporters to visit our projects.

EDUCATION
BA English and Politics, University of Birmingham, 2024
Student newspaper, 2022-2024
"""

CVS["Sanne_Jansen_CV"] = """Sanne Jansen
Utrecht, Netherlands | sanne.jansen@water.example | +31 30 555 0137

Current position: Press Officer, Rijndelta Water (regional water company), since March 2024. I am the company's first contact for journalists and I want to continue growing as a press officer.

Press Officer, Rijndelta Water, 03/2024 - present
- Answer media enquiries about water quality, leaks, bills and floods; draft statements and press releases and get them approved
- Prepare our directors and engineers for interviews with briefing notes and practice questions
- Manage the press side of incidents, e.g. the 2025 boil-water advisory; keep messages the same on website, social media and with journalists
- Monitor coverage daily and report monthly

Eight years in journalism before that:
Reporter, Utrechts Dagblad, 2016 - 2024
- Covered the municipality, courts and the regional water boards; broke stories on sewage overflows and contract overruns
- Found my own stories, interviewed residents, officials and experts; filed breaking news from the scene for web and print under deadline
- Used Wob (freedom of information) requests and council documents for investigations
- Built a wide contacts book across local politics, police and emergency services
- Court reporting and inquests; knowledge of Dutch press law and the Raad voor de Journalistiek code
Freelance reporter, regional radio, 2014 - 2016

Education
Bachelor Journalistiek, Hogeschool Utrecht, 2014

Skills
News writing, interviewing, media relations, press releases, statements, crisis communication, spokesperson briefing, Dutch, English, German.
"""

CVS["Lucy_Parkinson_CV"] = """Lucy Parkinson
Nottingham | lucy.parkinson@mail.example | 07700 900115

Junior Press Officer, East Trent Police and Crime Commissioner (2024-now)
- Handle and log media enquires; draft responses for sign-off
- Write press releases (70% pick-up in local media)
- Photocalls, press conferences, out-of-hours rota support
- Media monitoring in Cision; weekly coverage reports

Intern, Mercia PR, summer 2023 - sell-in calls, media lists, coverage books

BA (Hons) Public Relations, Leeds Beckett University, 2024, 2:1

Skills: press releases, media relations, social media scheduling, Canva, calm on the phone with journalists on deadline.
"""

CVS["Emre_Kaya_CV"] = """Emre Kaya
Istanbul / Berlin | emre.kaya@mail.example | +49 30 555 0152

PROFILE
I speak for the organisation to the newspapers, TV and radio. Six years doing this, for a city transport company in Istanbul and now for a museum foundation in Berlin. I am the person the journalists call.

WORK
Museum foundation, Berlin - Media contact person, 2023 - now
- Journalists call or write me with questions every day. I get the correct information from the curators or the director, write a short answer, make the director agree with it, and send it on time.
- I write the news texts we send to journalists for new exhibitions, and I call the journalists after to ask if they will come and write.
- I organise the days where journalists come to see the exhibition before it opens, with photos and interviews.
- Before our director speaks on TV I prepare her: what they will probably ask, what she must say, what she should not say.
- Once a painting was damaged in the museum and it was in all the news. I wrote what we say, in German and English, and made sure everybody in the house said the same thing.
- I collect all articles about us and make a report each month how many, good or bad.

City transport company, Istanbul - office that talked to the public, 2019 - 2023
- Answered journalist questions about strikes, delays, accidents. Wrote the announcements. Many night calls.

EDUCATION
Bachelor in Public Relations and Publicity, Marmara University, 2018

LANGUAGES
Turkish, English, German (B2)
"""

CVS["Bronwen_Llewellyn_CV"] = """Bronwen Llewellyn
Cardiff | bronwen.llewellyn@uni.example | 07700 900168

# Summary
Senior Press Officer at a university since 2023, after fifteen years on newspaper production desks, latterly as chief sub-editor. I run the press office's day-to-day media relations and I want to stay in and grow in press work; my subbing background means everything that leaves the office is accurate, tight and legally safe.

# Current role
# Senior Press Officer, Taff University, 2023 - present
- First point of contact for journalists: handle enquiries, write reactive statements and press releases, and pitch research stories to national media
- Brief academics and the vice-chancellor before interviews; manage media during a 2024 campus protest and a data breach
- Run the press office's out-of-hours rota and coverage reporting

# Production career
# Chief Sub-Editor, Western Daily Mail, 2015 - 2023
- Ran the subs' desk of eight: edited copy, wrote and approved headlines, standfirsts and captions, and signed off pages
- Page layout in InDesign and Méthode; proofread final pages on the late shift before they went to press
- Owned the house style guide and trained new subs on style, grammar and headline writing
- Final legal check for defamation, contempt and privacy; liaised with the paper's lawyers
- Fact-checked figures and quotes and managed corrections and clarifications

# Sub-Editor, South Wales Evening Post, 2008 - 2015
- Copy editing, proofreading, SEO headlines, web publishing in the CMS

# Education
- BA English, Aberystwyth University, 2007
- NCTJ Sub-editing Certificate, 2008; CIPR Certificate, 2023

# Skills
Copy editing, proofreading, headlines, house style, InDesign, legal checks, press releases, media relations, statements, Welsh (conversational)
"""
