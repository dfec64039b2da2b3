# ruff: noqa: E501
"""CV sources, animal care family. Markup: first line = name; '# ' heading; '- ' bullet; blank line = new paragraph."""

CVS = {}

CVS["lucy_thompson_cv.txt"] = """LUCY THOMPSON RVN
Harrogate, North Yorkshire | lucy.thompson@mail.example | 07700 900242

PROFILE
Registered Veterinary Nurse (RCVS, 2020) with five years in small animal first-opinion and referral practice. Confident in anaesthesia monitoring, theatre nursing and in-patient care, and I run my own weight and post-op clinics. Looking for a hospital with a strong nursing team and real CPD support.

EXPERIENCE
Registered Veterinary Nurse, Nidd Valley Vets (RCVS accredited hospital), Harrogate - 2021 to present
- Anaesthetic induction support and monitoring (ECG, capnography, SpO2, blood pressure), anaesthetic records
- Scrub and circulating nurse for soft tissue and orthopaedic surgery; theatre preparation and instrument care
- In-patient care for dogs, cats and rabbits: fluid therapy, IV catheter placement, medication, wound and bandage care, pain scoring
- Blood sampling, haematology and biochemistry in the in-house lab, urinalysis, cytology preparation
- Digital radiography and dental radiographs
- Nurse clinics: weight management, post-op checks, nail clips, dental and parasite advice
- Clinical coach to two student veterinary nurses
- On-call and weekend rota

Student Veterinary Nurse, Wharfe Animal Clinic, Otley - 2018 to 2020

QUALIFICATIONS
Level 3 Diploma in Veterinary Nursing (Small Animal), Askham Bryan College - 2020
RCVS Register of Veterinary Nurses, 2020
Certificate in Emergency and Critical Care Nursing (CPD), 2023

SOFTWARE
Provet Cloud, RxWorks
"""

CVS["Maria_Santos_CV.docx"] = """Maria Santos
Leeds · maria.santos@mail.example · 07700 900253

# About me
I am from Portugal and I live in Leeds from 2019. I finish my college for animal nursing in 2024 and since then I am qualified and my name is on the official list for this job in the UK. I love to care for sick animals and I want to work in a big animal hospital to learn more.

# Work
## Nurse for animals – Kirkstall Pet Clinic, Leeds – Sept 2024 until now
- before operations I prepare the dogs and cats, I shave and clean the skin and put the small tube in the leg vein
- during the operation I sit with the animal who is asleep and watch breathing, heart and temperature and write it down every five minutes
- I help the vet in the operation, I give him the instruments and I clean everything after
- I look after the animals staying in the hospital: give the medicines the vet says, the drip, change the dressings, feed them and see if they have pain
- take blood and make the tests in our small lab, I also make x-rays
- I have my own appointments for fat pets on diet, check stitches after operation and cut nails
- I explain to owners how to care for the pet at home

## Student – same clinic, 2022-2024 (work placement)

# Study
College diploma in veterinary nursing (small animals), Leeds City College, 2024

# Languages
Portuguese, English, a little Spanish
"""

CVS["Fiona_Walsh_CV.pdf"] = """Fiona Walsh RVN
Wakefield · fiona.walsh@mail.example · 07700 900264

# Profile
Senior Registered Veterinary Nurse with 15 years in practice, the last six as senior nurse and client care lead at a busy first-opinion practice. I started on reception and never left the front desk behind: I manage appointment booking in RxWorks, telephone triage protocols, payments and estimates, insurance claims, pet health plan sign-ups and bereavement support for clients, and I train our receptionists. My goal now is a senior RVN or deputy head nurse role in a hospital, where I can put most of my time back into clinical nursing.

# Experience
Senior Registered Veterinary Nurse & Client Care Lead – Calder Vets, Wakefield – 2019 – present
- Senior nurse on the theatre and ward rota: anaesthesia monitoring, IV catheters, in-patient care, medication
- Lead nurse clinics (weight, post-op, senior pet checks) and client education
- Wrote the practice telephone triage guidelines and train receptionists on when to put a call through to a nurse
- Oversee reception: appointment book, client registration, estimates, invoices, payments and debt control
- Insurance claim forms, repeat prescription checks and pet health plan enrolment
- Euthanasia appointments and bereavement support for clients, including cremation arrangements
- Practice management software champion (RxWorks) and rota planner for nurses and front desk

Registered Veterinary Nurse – Pontefract Animal Hospital – 2012 – 2019
- Theatre, wards, laboratory and radiography; clinical coach for student nurses

Veterinary Receptionist – Pontefract Animal Hospital – 2010 – 2012
- Front desk, phones, bookings, payments, reminders

# Qualifications
- RCVS Registered Veterinary Nurse (2012), Level 3 Diploma in Veterinary Nursing, Wakefield College
- VetPD Receptionist Certificate (2011)
- Clinical coach (2014); BVNA member
"""

CVS["Rebecca_Underwood_Resume.pdf"] = """REBECCA UNDERWOOD
Sheffield | rebecca.underwood@mail.example | 07700 900275

# PERSONAL STATEMENT
Newly qualified Registered Veterinary Nurse (RCVS, July 2025) changing career after eight years as a healthcare assistant in the NHS. My human healthcare background gives me strong patient observation, infection control and communication skills, which I now bring to small animal nursing. I am looking for my first RVN post in a hospital with theatres, wards and good support.

# VETERINARY NURSING
Student Veterinary Nurse – Don Valley Veterinary Hospital, Sheffield – 2022 – 2025
- Anaesthesia monitoring and anaesthetic records under supervision; recovery of patients
- Theatre preparation, scrubbing in, instrument packs and sterilisation
- In-patient care: medication, fluid therapy, IV catheter placement, feeding plans, pain scoring
- Blood and urine sampling and in-house laboratory tests; radiography positioning
- Assisted with nurse clinics and discharge appointments

# PREVIOUS CAREER
Healthcare Assistant – Sheffield Teaching Hospitals NHS Foundation Trust – 2014 – 2022
- Observations (temperature, pulse, respiration, blood pressure) on a surgical ward
- Infection control, wound care support, patient hygiene and feeding
- Supporting patients and relatives at difficult times

# QUALIFICATIONS
- RCVS Registered Veterinary Nurse, 2025
- Level 3 Diploma in Veterinary Nursing (Small Animal), The College of Animal Welfare, 2025
- Care Certificate, NHS, 2014

# SKILLS
Anaesthetic monitoring · Theatre nursing · In-patient care · Laboratory · Radiography · Client communication · Provet Cloud
"""

CVS["oksana_volkova.txt"] = """Oksana Volkova
York, UK
oksana.volkova@post.example / 07700 900286

I am a qualified nurse for animals with 6 years experience, 4 in Kyiv and 2 in York. My diploma from Ukraine is recognised here and I am registered to work in the UK since 2023.

What I do every day at Ouse Riverside Vets (York), 2023 - now:
* get dogs, cats and rabbits ready for operations and watch them carefully while they sleep (breathing, heart, pressure), and write it all on the sheet
* help the surgeon at the table and clean and pack the instruments after
* care for the animals who stay the night: their medicines, drips, bandages, food, and I check if they are in pain
* put the small needle line in the vein, take blood and do the tests in our machines
* take x-ray pictures
* I have my own appointments with owners: slimming clubs for fat pets, checking wounds, cutting claws, talk about teeth
* show the new student girls how to do things
* I work some nights and weekends when it is my turn

Before: Animal clinic "Druh", Kyiv, Ukraine, 2019 - 2022, same work.

Education: Bila Tserkva National Agrarian University, diploma in animal health care, 2019.

Languages: Ukrainian, Russian, English (intermediate, I improve every day)

I am hard working and gentle with animals, and I want to grow in a bigger hospital.
"""

CVS["Sam_Yates_CV.docx"] = """Sam Yates
Bradford · sam.yates@mail.example · 07700 900297

# Profile
Newly qualified Registered Veterinary Nurse (RCVS register, October 2025) looking for a first RVN post in a small animal hospital. Before and during training I worked for four years in kennels: cleaning and disinfecting kennels and runs, feeding to diet sheets, walking and exercising dogs, reading body language and handling nervous and reactive dogs, grooming and bathing, and cattery care. That hands-on animal handling now helps me in theatre and on the wards.

# Experience
## Student Veterinary Nurse, then RVN – Aire Valley Vets, Bradford – 2023 – present
- Anaesthesia monitoring and recovery, IV catheter placement, theatre preparation
- In-patient care: medication, fluids, wound care, barrier nursing in isolation
- Blood sampling and in-house laboratory; radiography
- Post-op check and nail clip nurse clinics

## Kennel Assistant – Moorside Boarding Kennels and Cattery, Keighley – 2019 – 2023
- Daily cleaning and disinfection of 40 kennels and runs, bedding and bowl washing
- Preparing feeds to each dog's diet sheet and giving owner-supplied medication under supervision
- Walking, exercising and playing with dogs in paddocks; socialising nervous rescue dogs
- Spotting dogs off their food or unwell and reporting to the kennel manager
- Bathing and basic grooming, cattery cleaning, site upkeep
- Biosecurity and vaccination checks on arrival

# Qualifications
- Level 3 Diploma in Veterinary Nursing (Small Animal), Bradford College, 2025 – RCVS registered 2025
- Level 2 Diploma in Animal Care, Craven College, 2019
- Canine first aid

# Skills
Dog handling · Kennel hygiene · Anaesthetic monitoring · Ward nursing · Feeding plans · Grooming
"""

CVS["Grace_Turner_CV.pdf"] = """Grace Turner
Bath, Somerset · grace.turner@mail.example · 07700 900308

# Profile
Freindly and organised Veterinary Receptionist with 18 months at a busy small animal practice. Confident with RxWorks, appointment booking, payments, insurance claims and telephone triage guidelines. Looking for a permanent role with a supportive practice where I can work towards the VetPD receptionist certificate.

# Experience
Veterinary Receptionist – Avon Meadows Veterinary Surgery, Keynsham – May 2024 – present
- Greet clients and pets, manage the waiting room and keep cats and dogs apart
- Answer phones and emails; book, move and confirm appointments for four vets and three nurses in RxWorks
- Follow telephone triage guidelines and pass urgent calls to nurses straight away
- Take payments, prepare estimates and invoices, chase unpaid accounts
- Process pet insurance claim forms and direct claims
- Handle repeat prescription requests and hand out food and medication ordered by the vets
- Send vaccination, flea and worm reminders; sign up clients to the pet health plan
- Support clients booking euthanasia and arrange cremations

Sales Assistant – Pets at Home, Bath – 2022 – 2024
- Customer service, tills, pet food and accessory advice

# Education
A Levels: Biology, English, Psychology – Bath College, 2022

# Skills
RxWorks · Telephone triage · Payments and estimates · Insurance claims · Health plans · Customer service
"""

CVS["brian_quigley_cv.txt"] = """Brian Quigley
Frome, Somerset
brian.quigley@mail.example  07700 900319

About me
After 14 years managing a bank branch counter I want to change direction and work where my real love is: animals. For the past two years I have volunteered every Saturday at the front desk of a charity animal clinic, and I'd like to do that work properly, as my job, in a local animal practice.

What I did as a volunteer - Somerset Paws Charity Clinic, Frome (2023 - now)
- First person people see when they come in with their dog or cat; I say hello, take their details and let the vet know they're here
- Answer the phone, put people in the diary for the vet, move times when needed
- Listen carefully when someone rings about a poorly pet and know when it can't wait and a nurse must speak to them now
- Take the money for treatments, and explain the costs before things are done
- Help people fill in the forms for their pet cover company
- Sit with owners who are losing their pet, and make the arrangements afterwards
- Keep the waiting area calm, quiet cats on one side, lively dogs on the other

Work
Counter Manager, West Country Building Society, Frome - 2009 to 2023
- ran a team of six at the counter, cash handling and balancing, complaints, opening new accounts
Cashier, same society - 2006 to 2009

Education
GCSEs and A levels, Frome College

Other
Computer confident. Happy to work Saturdays. I have two rescue greyhounds.
"""

CVS["Zoe_Whitfield_CV.docx"] = """Zoe Whitfield
Chippenham, Wiltshire · zoe.whitfield@mail.example · 07700 900321

# Summary
Veterinary Receptionist for two years, after three years as an animal nursing assistant. I know the clinical side inside out: patient restraint, theatre preparation, anaesthetic recovery, kennelling in-patients, lab samples, cleaning and sterilising instruments. Now I run the front desk and use that knowledge every day to triage calls and explain treatments to clients. My goal is to become senior receptionist or front-of-house lead in a practice.

# Experience
## Veterinary Receptionist – Marlowe Vets, Chippenham – Oct 2023 – present
- Greeting clients, appointment booking and client/patient registration in Provet Cloud
- Telephone triage using the practice guidelines; recognise emergencies (bloat, blocked cats, RTAs, toxins) and fetch a nurse or vet
- Payments, estimates, insurance claims, repeat prescriptions and health plans
- Euthanasia bookings and bereavement support

## Animal Nursing Assistant – Marlowe Vets – 2020 – 2023
- Restraint and handling for consultations, blood sampling and radiography
- Preparing theatre, cleaning and autoclaving instrument packs, setting up anaesthetic machines
- Monitoring patients in recovery and feeding, walking and cleaning hospitalised patients
- Running in-house haematology and biochemistry samples for the vets
- Barrier nursing and disinfection of isolation kennels
- Stock control and pharmacy restocking

# Qualifications
- Level 2 Certificate for Animal Nursing Assistants, The College of Animal Welfare, 2021
- Level 3 Diploma in Animal Management, Wiltshire College, 2020

# Skills
Provet Cloud · Telephone triage · Client care · Payments and insurance · Clinical knowledge · Pet first aid
"""

CVS["harriet_sinclair_resume.txt"] = """HARRIET SINCLAIR
Bradford-on-Avon, Wiltshire
harriet.sinclair@mail.example   07700 900332

====================================
RECEPTION TEAM LEADER - VETERINARY
====================================

Experienced veterinary receptionist and front-of-house team leader with eleven years at a multi-site small animal group. Expert user of RxWorks and Vet1, trained in telephone triage, and holder of the VetPD Veterinary Receptionist Certificate. Calm with anxious and grieving clients, firm with overdue accounts.

EMPLOYMENT
2018 - present  Reception Team Leader, Kennet Valley Vets (3 branches)
  - lead a team of seven receptionists: rotas, training, appraisals
  - appointment book management across 9 vets and 6 nurses; online booking set-up
  - telephone triage guidelines and emergency call handling with the nursing team
  - payments, estimates, debt control and daily cash reconciliation
  - insurance claims and direct claims with Petplan and other insurers
  - pet health plan sign-ups - grew membership from 900 to 2,400
  - repeat prescriptions, reminders, client complaints
  - euthanasia and bereavement: quiet room bookings, cremation arrangements

2014 - 2018  Veterinary Receptionist, Kennet Valley Vets
  - front desk, phones, booking, payments, insurance forms

EDUCATION / TRAINING
  VetPD Veterinary Receptionist Certificate (2016)
  Pet bereavement support course, Blue Cross (2019)
  BTEC National Diploma in Business, Wiltshire College

SOFTWARE
  RxWorks, Vet1, Teleos (some), Microsoft Office
"""

CVS["Ana_Rosales.docx"] = """Ana Rosales
Bath · ana.rosales@mail.example · 07700 900343

# Objective
To continue working at the desk of an animal clinic where I can help the owners and their pets from the first phone call.

# Experience
## Front desk – Larkhall Animal Clinic, Bath – 2022 to now
- I am the first person owners meet when they arrive with the pets, I welcome them and tell the vet they are here
- I answer the phone all day and give times for the doctor or the nurse, and change them when people need
- When somebody calls with a very sick pet, I ask the questions from our list and if it is urgent I pass the phone to the nurse immediately
- I take money for the visits and medicines and I prepare the costs before an operation
- I help owners with the forms for the insurance of their animals
- When owners need more tablets or special food, I check with the vet and prepare it for them to collect
- I send the messages to remind for vaccines
- I help people when their pet is going to be put to sleep, with a quiet room and kindness

## Shop assistant – El Corte Inglés, Sevilla, Spain – 2016 to 2021

# Education
Bachillerato (high school), Sevilla 2015

# Languages
Spanish (native), English (good)
"""

CVS["Callum_Reid_CV.pdf"] = """Callum Reid
Bath · callum.reid@mail.example · 07700 900354

# Profile
Veterinary Receptionist at a small animal practice since 2024, with a background of five years as a kennel assistant in boarding kennels and a cattery. My kennel years gave me dog handling, kennel cleaning and disinfection, feeding to diet sheets, exercising and walking, reading canine body language, biosecurity and vaccination checks. At the desk I use that every day, with nervous dogs in the waiting room and with clients. I want to stay on the front desk and grow into a senior receptionist role.

# Experience
Veterinary Receptionist – Combe Down Vets, Bath – Feb 2024 – present
- Appointment booking and client registration in Vet1; phones and online messages
- Telephone triage to the practice protocol, urgent calls to the nurse
- Payments, estimates, insurance claim forms, repeat prescriptions, health plan sign-ups
- Managing the waiting room: separating cats and reactive dogs, weighing dogs, calming anxious pets
- Bereavement support and euthanasia bookings

Kennel Assistant – Saltford Boarding Kennels and Cattery – 2019 – 2024
- Cleaning and disinfecting kennels, runs and cat pens, laundry and bowl washing
- Feeding to diet sheets and giving medication under the kennel manager
- Walking and exercising dogs, enrichment, handling reactive dogs safely
- Bathing and basic grooming; daily care sheets; reporting dogs off food
- Checking vaccination cards on arrival, biosecurity

# Qualifications
Level 2 Diploma in Animal Care (Bridgwater College, 2019) · Canine first aid · Level 1 Customer Service
"""

CVS["Molly_Stevens_CV.docx"] = """Molly Stevens
Wokingham, Berkshire · molly.stevens@mail.example · 07700 900365

# Personal statement
Enthusiastic Kennel Assistant with a Level 2 Diploma in Animal Care and a year's experience in a busy boarding kennels. I love working with dogs of evry size and temperament, I don't mind hard physical work in all weathers, and I want to keep learning towards a Level 3 qualification and a senior kennel role.

# Experience
## Kennel Assistant – Loddon Boarding Kennels, Twyford – Sept 2024 – present
- Morning checks of every dog and cat, reporting anything unusual to the kennel manager
- Cleaning and disinfecting kennels, runs and cat pens; changing bedding; washing bowls
- Preparing feeds to individual diet sheets and recording on the daily care sheets
- Walking and exercising dogs in the paddocks; enrichment and play
- Giving owner-supplied medication under supervision
- Bathing and basic grooming before dogs go home
- Following biosecurity and vaccination rules; laundry and site upkeep

## Volunteer Dog Walker – Berkshire Dogs Trust rehoming centre – 2022 – 2024

# Qualifications
- Level 2 Diploma in Animal Care, Berkshire College of Agriculture, 2024
- Canine first aid (2024)

# Skills
Dog handling · Canine body language · Kennel hygiene · Feeding · Grooming · Cattery care

# Other
Full driving licence and own car. Available weekends and bank holidays.
"""

CVS["Dariusz_Wojcik_CV.pdf"] = """Dariusz Wojcik
Reading, Berkshire | dariusz.wojcik@post.example | 07700 900376

# About me
I work with dogs and cats for 5 years, 3 in Poland and 2 here in England. I like outdoor work and physical work, rain or sun is no problem for me. I look for work in a place where dogs and cats stay when the owners are on holiday, or in a shelter.

# Experience
Animal helper – Happy Tails Holiday Home for Pets, Theale – 2023 to now
- every morning I go to all the dogs and cats and look if they are OK, if something is wrong I tell to my boss
- I wash the dog rooms and outside areas with special liquid against germs, and change the blankets
- I make the food for every dog as written on his paper and write what he ate
- I take the dogs for walks and play with them in the field, 3-4 hours each day
- if a dog is scared or wants to bite I know how to see it and to stay safe
- I give the tablets from the owners when the boss says
- I wash the dogs and brush them before they go home
- also cat rooms cleaning, washing machine, repairs of fences

Animal shelter worker – Schronisko dla Zwierząt, Poznan, Poland – 2020 to 2023
- cleaning, feeding and walking for about 100 dogs

# Education
Technical school (agriculture), Poznan, 2018

# Other
Driving licence and car. Polish (native), English (B1). Can work weekends.
"""

CVS["ruth_varga_cv.txt"] = """Ruth Varga
Henley-on-Thames, Oxfordshire
ruth.varga@mail.example | 07700 900387

Kennel Assistant  |  seeking a full-time kennel assistant post at a boarding or rehoming kennels

SUMMARY
Kennel Assistant at a rescue centre since 2024. Before that I spent four years as a veterinary care assistant in a small animal hospital, and I bring that clinical grounding with me: I assisted registered veterinary nurses with in-patient care, TPR checks, barrier nursing and isolation protocols, fluid therapy set-up, medication rounds, wound and bandage checks, theatre cleaning, autoclaving and lab sample handling. I left hospital work because I want to spend my days with dogs rather than on wards, and the kennel floor is where I am happiest.

EXPERIENCE
Kennel Assistant, Thames Valley Dog Rescue, Henley (2024 - present)
- cleaning and disinfecting kennels and runs every morning, bedding changes, bowl washing
- preparing feeds to diet sheets, recording on daily care sheets
- walking, exercising and enrichment for 30 rescue dogs; handling nervous and reactive dogs
- giving prescribed medication under the kennel supervisor and reporting dogs off their food
- isolation kennel biosecurity for new arrivals and vaccination checks
- bathing and grooming before rehoming meets

Veterinary Care Assistant, Chiltern Animal Hospital, High Wycombe (2020 - 2024)
- supported RVNs on the wards: TPR, pain scoring, medication rounds, fluid pump set-up, IV line checks
- barrier nursing, isolation ward disinfection, infectious disease protocols (parvo, FeLV)
- theatre cleaning, instrument packs, autoclave, consumables restocking
- laboratory sample labelling and sending to external labs
- feeding and walking in-patients, cleaning hospital kennels

QUALIFICATIONS
Level 2 Certificate for Animal Nursing Assistants (2021)
Level 3 Extended Diploma in Animal Management (Abingdon & Witney College, 2019)
Canine first aid; safe handling of reactive dogs course (2024)

Driving licence and car. Weekend rota welcome.
"""

CVS["Ben_Sutton_Resume.pdf"] = """BEN SUTTON
Newbury, Berkshire · ben.sutton@mail.example · 07700 900398

# PROFILE
Ben is a Kennel Assistant with four years at boarding kennels and a rehoming centre, and holds a Level 3 Diploma in Animal Management. He is experienced with large and reactive breeds, cattery care and keeping high biosecurity standards through council licensing inspections. Colleagues describe him as reliable and unflappable; he is physically fit and happy outdoors in any weather.

# EXPERIENCE
Kennel Assistant – Kennet Boarding Kennels and Cattery, Newbury – 2022 – present
- Cleans and disinfects 50 kennels, runs and 20 cat pens daily to licence standards
- Prepares feeds to diet sheets, including special and prescription diets
- Gives owner-supplied medication under the kennel manager and records it on the care sheets
- Walks and exercises dogs in the paddocks, runs group play for compatible dogs, enrichment
- Watches behaviour and body language and reports dogs off their food or unwell
- Bathing, brushing and basic grooming; laundry; site and fence upkeep
- Settles in new arrivals and checks vaccination records when recieving boarders
- Helped the team through a 5-star council licensing inspection (2024)

Kennel Assistant – Downland Dog Rescue, Hungerford – 2021 – 2022
- Kennel cleaning, feeding, walking and socialising rescue dogs; helped with rehoming meets

# QUALIFICATIONS
- Level 3 Diploma in Animal Management, Newbury College, 2021
- Canine first aid (2023)
- Dog behaviour and body language course (2023)

# OTHER
Full driving licence, own car. Available for the weekend and bank holiday rota.
"""

CVS["jade_rowley.txt"] = """jade rowley
Reading | jade.rowley@mail.example | 07700 900409

hi, I'm Jade, I'm 19 and I want a full time job looking after dogs (and cats!). no qualification yet but I've done this every weekend for 2 years.

Weekend helper, Pinewood Boarding for Dogs, Pangbourne (2024 - now)
- scrubbing out the dog pens every morning, washing bowls and blankets
- getting each dog's food ready from his own list
- taking dogs to the field for walks and games
- telling the owner straight away if a dog isn't eating or seems poorly
- washing and brushing dogs before they go home, cleaning the cat rooms

GCSEs 2023, Little Heath School. I cycle in so early starts are fine, weekends too.
"""

CVS["Tyler_Quinn_CV.docx"] = """Tyler Quinn
Maidenhead, Berkshire · tyler.quinn@mail.example · 07700 900411

# About me
Kennel Assistant, currently part-time at a boarding kennels, looking for a full-time kennel assistant job. I started at the kennels on the front desk, so I know the reception side well: taking bookings in Gingr, checking in boarders and checking vaccination certificates, payments and deposits, answering the phones and emails, welcoming clients and handling queries and complaints. Since 2025 I have moved onto the kennel floor and that is where I want to stay.

# Experience
## Kennel Assistant – Bray Lodge Boarding Kennels and Cattery – Mar 2025 – present (part-time)
- Cleaning and disinfecting kennels and runs, bedding, bowls
- Preparing feeds to diet sheets and filling in daily care sheets
- Walking and exercising dogs in the paddock, playgroups
- Reporting dogs that are stressed or off their food to the kennel manager
- Bathing and brushing dogs before collection

## Kennel Receptionist – Bray Lodge Boarding Kennels and Cattery – 2023 – 2025
- Bookings and availability in Gingr, deposits and payments, invoices
- Check-in and check-out of boarding dogs and cats, vaccination certificate checks
- Phone, email and social media enquiries; client reminders
- Welcoming clients and handling complaints; updating owners with photos of their pets

## Receptionist – Riverside Leisure Centre, Maidenhead – 2021 – 2023

# Qualifications
- Level 2 Certificate in Customer Service (2022)
- Currently studying Level 2 Animal Care (online, Oaklands College)

# Skills
Gingr booking system · Customer service · Dog walking · Kennel cleaning · Feeding
"""
