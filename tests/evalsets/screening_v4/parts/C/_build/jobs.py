"""Job postings for part C (aviation; animal care)."""

JOBS = [
    {
        "key": "cabin-crew-member",
        "title": "Cabin Crew Member",
        "description": (
            "Northwind Skyways is a mid-sized carrier flying short and medium-haul routes from Manchester and "
            "Bristol to more than forty destinations across Europe and North Africa. We are recruiting Cabin Crew "
            "Members to join our growing base teams for the summer schedule and beyond. On board, you are "
            "responsible first and foremost for the safety and security of our passengers. You will carry out "
            "pre-flight safety and security checks of the cabin and emergency equipment, deliver the safety "
            "demonstration, secure the cabin for take-off and landing and be ready to lead an evacuation, fight "
            "a fire or give first aid at altitude. Between those moments you are the face of Northwind: serving "
            "food and drinks, running the onboard retail and duty-free trolley, handling cash and card sales and "
            "looking after families, nervous flyers and passengers with reduced mobility. You will work closely "
            "with the Senior Cabin Crew Member and the flight deck, follow our Operations Manual and report "
            "incidents accurately. Rosters include early starts, night stops and weekend and bank holiday duties "
            "on a 5-on/3-off pattern. Full initial training leading to the EASA/UK CAA Cabin Crew Attestation is "
            "provided and paid; applicants who already hold an attestation may join a shorter conversion course. "
            "We value calm, warm people who can follow procedures to the letter and still make every passenger "
            "feel welcome."
        ),
        "requirements": [
            "Aged 18 or over, with the right to live and work in the UK and an unrestricted passport",
            "Able to pass a medical, a basic swimming test and a five-year background check",
            "Height between 157 cm and 188 cm, able to reach overhead safety equipment",
            "At least one year in a customer-facing role (hospitality, retail, care or similar)",
            "Cabin Crew Attestation (EASA or UK CAA) desirable; full training provided",
            "Willing to work shifts, early mornings, night stops and public holidays",
            "Fluent English; a second European language is an advantage",
        ],
        "skills": [
            {"name": "cabin safety and emergency procedures", "weight": 5},
            {"name": "cabin crew attestation", "weight": 4},
            {"name": "in-flight customer service", "weight": 5},
            {"name": "first aid", "weight": 4},
            {"name": "onboard sales and cash handling", "weight": 3},
            {"name": "safety demonstration", "weight": 3},
            {"name": "passengers with reduced mobility", "weight": 2},
            {"name": "teamwork with flight deck", "weight": 3},
            {"name": "second language", "weight": 2},
        ],
    },
    {
        "key": "airport-ground-operations-agent",
        "title": "Airport Ground Operations Agent",
        "description": (
            "Harbourline Aviation Services provides passenger and ramp handling for eleven airlines at Dublin and "
            "Cork airports. We are looking for Ground Operations Agents to keep flights moving on time from the "
            "check-in desk to the aircraft door. Depending on the shift you will staff check-in and bag drop, "
            "verify travel documents and visas against Timatic, tag and accept hold baggage, handle excess "
            "baggage payments and rebook passengers on delayed or cancelled flights. At the gate you will run "
            "boarding in the departure control system (Amadeus Altéa and SITA DCS), reconcile passenger and "
            "baggage numbers, manage standby lists and close the flight on time. Turnaround duties include "
            "working with the ramp dispatcher, fuel and catering providers and the crew to make sure the aircraft "
            "leaves on schedule, recording delay codes and passing load information to load control. You will "
            "also help passengers who need special assistance, deal with lost and delayed baggage in WorldTracer "
            "and calmly manage disruption when weather or air traffic control slots change the plan. All agents "
            "hold an airside security pass, so you must pass a five-year background check. We train you on our "
            "systems and on dangerous goods awareness; experience in a busy customer service environment matters "
            "more to us than aviation experience."
        ),
        "requirements": [
            "Customer service experience in a fast-paced environment",
            "Able to pass a five-year background check for an airside ID pass",
            "Comfortable with computer systems; DCS experience (Altéa, SITA, Navitaire) is an advantage",
            "Willing to work rotating shifts from 04:00 to midnight, including weekends",
            "Calm under pressure when handling delays, cancellations and complaints",
            "Full driving licence desirable for airside driving permit",
            "Dangerous goods awareness training (provided)",
        ],
        "skills": [
            {"name": "check-in and boarding", "weight": 5},
            {"name": "departure control system", "weight": 5},
            {"name": "travel document checks", "weight": 4},
            {"name": "turnaround coordination", "weight": 4},
            {"name": "baggage handling and tracing", "weight": 3},
            {"name": "disruption management", "weight": 4},
            {"name": "customer service", "weight": 4},
            {"name": "dangerous goods awareness", "weight": 2},
            {"name": "load control communication", "weight": 2},
            {"name": "special assistance passengers", "weight": 2},
        ],
    },
    {
        "key": "aircraft-maintenance-engineer",
        "title": "Licensed Aircraft Maintenance Engineer (B1)",
        "description": (
            "Caledon Aero Technics is a Part-145 approved maintenance organisation supporting regional and "
            "narrow-body fleets at Glasgow and Aberdeen. We are hiring B1 Licensed Aircraft Maintenance Engineers "
            "for our line and base maintenance teams. You will carry out scheduled and unscheduled maintenance on "
            "ATR 72 and Airbus A320 family aircraft: daily and weekly checks, A-checks, component changes, "
            "troubleshooting of engine, hydraulic, fuel and landing gear systems and rectification of defects "
            "raised by flight crew. You will work to the Aircraft Maintenance Manual, Illustrated Parts Catalogue "
            "and approved data, record all work accurately in the technical log and task cards, and issue "
            "Certificates of Release to Service within the scope of your company authorisation. You will "
            "supervise and mentor mechanics and B1 trainees, manage deferred defects under the MEL, and work with "
            "maintenance control to return aircraft to service on time without ever compromising airworthiness. "
            "Night shifts on the line and occasional away-from-base AOG recovery are part of the job. We offer "
            "type courses for engineers who hold the basic licence but not yet the type rating, a shift "
            "allowance, and a clear route towards B2 or supervisory roles. Human factors and safety culture are "
            "at the heart of everything we do: we expect you to speak up, report and never sign for work you "
            "have not seen."
        ),
        "requirements": [
            "UK CAA or EASA Part-66 B1.1 licence",
            "Type rating on ATR 42/72 or A320 family, or willingness to complete type course",
            "At least two years' experience in a Part-145 environment",
            "Sound knowledge of Part-145, human factors and EWIS",
            "Able to interpret AMM, IPC, wiring diagrams and SRM",
            "Willing to work shifts, nights and away from base",
            "Right to work in the UK and able to pass airside background checks",
        ],
        "skills": [
            {"name": "Part-66 B1 licence", "weight": 5},
            {"name": "line and base maintenance", "weight": 5},
            {"name": "troubleshooting and defect rectification", "weight": 5},
            {"name": "certificate of release to service", "weight": 4},
            {"name": "aircraft maintenance manual", "weight": 3},
            {"name": "type rating A320 or ATR", "weight": 4},
            {"name": "MEL and deferred defects", "weight": 3},
            {"name": "human factors", "weight": 2},
            {"name": "technical records", "weight": 2},
        ],
    },
    {
        "key": "veterinary-nurse",
        "title": "Registered Veterinary Nurse",
        "description": (
            "Brackenfield Vets is an independent RCVS-accredited small animal hospital in Leeds with four "
            "consulting rooms, two theatres, a dental suite and 24-hour in-patient care. We are looking for a "
            "Registered Veterinary Nurse to join a team of twelve nurses and student nurses. Your week will mix "
            "theatre, wards and consults. In theatre you will prepare patients, place intravenous catheters, "
            "monitor anaesthesia with our multiparameter monitors and keep accurate anaesthetic records, and "
            "scrub in as a surgical assistant. On the wards you will care for hospitalised dogs, cats and "
            "rabbits: administering medication as directed by the vet, fluid therapy, wound care and bandaging, "
            "nutrition plans and pain scoring. You will run your own nurse clinics for weight management, "
            "post-operative checks, nail clips and dental advice, take and process blood samples in our "
            "in-house laboratory, take radiographs and help clients understand how to care for their pets at "
            "home. Nurses share a rota of evenings, weekends and on-call, with time off in lieu. You will also "
            "help train student veterinary nurses and keep up your own CPD, for which we give five days and a "
            "budget each year. We use Provet Cloud for clinical records. You must be on the RCVS Register of "
            "Veterinary Nurses or be in your final months of training."
        ),
        "requirements": [
            "Registered Veterinary Nurse (RVN) on the RCVS register, or final-year student nurse",
            "Confident in anaesthetic monitoring and theatre nursing",
            "IV catheter placement, blood sampling and in-house laboratory work",
            "Experience of in-patient and critical care nursing",
            "Able to run nurse clinics and give clear advice to owners",
            "Happy to join the out-of-hours and weekend rota",
            "Commitment to CPD and to mentoring student nurses",
        ],
        "skills": [
            {"name": "anaesthesia monitoring", "weight": 5},
            {"name": "RCVS registration", "weight": 5},
            {"name": "theatre and surgical nursing", "weight": 4},
            {"name": "in-patient care", "weight": 4},
            {"name": "IV catheter placement", "weight": 3},
            {"name": "laboratory diagnostics", "weight": 3},
            {"name": "radiography", "weight": 3},
            {"name": "nurse clinics", "weight": 3},
            {"name": "medication administration", "weight": 3},
            {"name": "student nurse mentoring", "weight": 2},
        ],
    },
    {
        "key": "veterinary-receptionist",
        "title": "Veterinary Receptionist",
        "description": (
            "Meadowgate Veterinary Group runs three small animal practices in and around Bath. Our reception "
            "team is the first voice and face every client meets, and we are looking for a Veterinary "
            "Receptionist to join our main branch. You will greet clients and their pets, answer a busy phone "
            "line and online messages, book and reschedule appointments for vets and nurses in RxWorks, and "
            "register new clients and patients. A big part of the job is triage on the phone: knowing which "
            "callers need to come in now, which can wait for an appointment and when to fetch a nurse, using our "
            "telephone triage guidelines. You will take payments, prepare estimates and invoices, process "
            "insurance claim forms, handle repeat prescription requests and dispense ordered food and "
            "medication at the desk, following the prescribing vet's instructions. You will also send vaccination "
            "and flea and worm reminders, sign clients up to our pet health plan and keep the waiting room calm "
            "and tidy, separating nervous cats from excitable dogs. Some days will be hard: you will support "
            "owners arriving with emergencies and help those booking euthanasia with tact and kindness. The role "
            "is 37.5 hours across a rota that includes one Saturday morning in three. Previous practice "
            "experience is helpful but not essential; we will train the right person, and we support the BVNA "
            "or VetPD receptionist qualification."
        ),
        "requirements": [
            "Experience on a busy reception or front desk, ideally in a veterinary practice",
            "Confident taking payments, handling cash and managing accounts",
            "Practice management software experience (RxWorks, Provet, Vet1, Teleos) an advantage",
            "Able to follow telephone triage guidelines and recognise emergencies",
            "Warm, tactful communication with distressed or grieving clients",
            "Organised, accurate with data entry and bookings",
            "Available for a Saturday morning rota",
        ],
        "skills": [
            {"name": "client reception and appointment booking", "weight": 5},
            {"name": "practice management software", "weight": 4},
            {"name": "telephone triage", "weight": 4},
            {"name": "payments and invoicing", "weight": 4},
            {"name": "pet insurance claims", "weight": 3},
            {"name": "repeat prescriptions", "weight": 2},
            {"name": "pet health plans", "weight": 2},
            {"name": "bereavement support", "weight": 3},
            {"name": "customer service", "weight": 3},
        ],
    },
    {
        "key": "kennel-assistant",
        "title": "Kennel Assistant",
        "description": (
            "Hollybrook Kennels and Cattery is a family-run boarding kennel and rehoming partner near Reading, "
            "licensed by the local council for 60 dogs and 30 cats. We are looking for a Kennel Assistant to "
            "join our small, hands-on team. Your day starts with morning checks: looking over every dog and cat, "
            "cleaning and disinfecting kennels, runs and cat pens, changing bedding and washing bowls. You will "
            "prepare feeds to each guest's diet sheet, give owner-supplied medication under the supervision of "
            "the kennel manager, and record everything on the daily care sheets. Walking, exercising and playing "
            "with the dogs in our paddocks is a large part of the job, as is reading body language and "
            "recognising when an animal is stressed, unwell or off its food so you can report it straight away. "
            "You will help with bathing and basic grooming, laundry, restocking and site upkeep, and occasionally "
            "help settle in new arrivals and handle nervous or reactive dogs safely. The work is physical and "
            "outdoors in all weathers, with early starts and a weekend rota. We follow strict biosecurity and "
            "vaccination rules and the Animal Welfare (Licensing of Activities Involving Animals) Regulations. "
            "No formal qualification is needed; a level 2 or 3 animal care qualification or previous kennel, "
            "rescue or farm experience is welcome, and we will support you through an apprenticeship if you wish."
        ),
        "requirements": [
            "Experience handling dogs, ideally in a kennel, rescue or daycare setting",
            "Physically fit and happy working outdoors in all weathers",
            "Understanding of canine body language and safe handling",
            "Reliable, with own transport for early starts (site is rural)",
            "Available for a weekend and bank holiday rota",
            "Level 2/3 animal care qualification desirable",
        ],
        "skills": [
            {"name": "kennel cleaning and hygiene", "weight": 5},
            {"name": "dog handling and walking", "weight": 5},
            {"name": "feeding and diet sheets", "weight": 4},
            {"name": "animal welfare observation", "weight": 4},
            {"name": "biosecurity and disinfection", "weight": 3},
            {"name": "canine body language", "weight": 3},
            {"name": "basic grooming", "weight": 2},
            {"name": "animal care qualification", "weight": 2},
            {"name": "cattery care", "weight": 2},
        ],
    },
]
